$ORIGIN inc.example.com.
$TTL 3600
@           IN SOA  ns1 hostmaster 1 7200 3600 1209600 3600
@           IN MX   10 mail
$INCLUDE common.zone
$INCLUDE common.zone shop.inc.example.com.
