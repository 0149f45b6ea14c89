var REG_NONE = NewRegistrar("none");
var DNS = NewDnsProvider("none");

D("example.com", REG_NONE, DnsProvider(DNS),
  TXT("_smtp._tls.r101", " v=TLSRPTv1; rua=mailto:tlsrpt@example.com"),
  TXT("_smtp._tls.r101u", "rua=mailto:tlsrpt@example.com"),
  TXT("_smtp._tls.r102", "v=tlsrptv1; rua=mailto:tlsrpt@example.com"),
  TXT("_smtp._tls.r103", "v=TLSRPTv1 rua=mailto:tlsrpt@example.com"),
  TXT("_smtp._tls.r104", "v=TLSRPTv1 ; rua=mailto:tlsrpt@example.com"),
  TXT("_smtp._tls.r106", "v=TLSRPTv1;; rua=mailto:tlsrpt@example.com"),
  TXT("_smtp._tls.r107", "v=TLSRPTv1; rua = mailto:tlsrpt@example.com"),
  TXT("_smtp._tls.r110", "v=TLSRPTv1; RUA=mailto:tlsrpt@example.com"),
  TXT("_smtp._tls.r112", "v=TLSRPTv1;​ rua=mailto:tlsrpt@example.com"),
  TXT("_smtp._tls.r113", "v=TLSRPTv1; rua=mailto:tlsrpt@exam\tple.com"),
  TXT("_smtp._tls.r201", "v=TLSRPTv1; rua=tlsrpt@example.com"),
  TXT("_smtp._tls.r202", "v=TLSRPTv1; rua=http://reports.example.com/tlsrpt"),
  TXT("_smtp._tls.r203", "v=TLSRPTv1; rua=mailto;tlsrpt@example.com"),
  TXT("_smtp._tls.r205", "v=TLSRPTv1; rua=mailto:tls!rpt@example.com"),
  TXT("_smtp._tls.r206", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,"),
  TXT("_smtp._tls.r207", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,mailto:tlsrpt@EXAMPLE.com"),
  TXT("_smtp._tls.r208", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com?subject=tlsrpt"),
  TXT("example.org._report._tls", "v=tlsrptv1;"),
  TXT("_mta-sts.r501", "v=STSv1 id=20240101")
);
