//! The provider table: every DNS record resource type the reader knows, which attribute
//! holds the owner name, the record type, the values and the zone, and how the provider
//! quotes TXT values; and the zone resources and data sources a record's zone can name.
//!
//! Data only, in one place, so adding a provider is one line. Each line cites the
//! provider's documentation page (registry.terraform.io/providers/<namespace>/<name>/latest/docs/resources/<resource>,
//! abbreviated `<namespace>/<name>: <resource>`); `docs/terraform.md` lists the same table
//! for users.

use super::quoting::Quoting;

/// Where a resource type keeps its values.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Values {
    /// A list attribute, one RR per element.
    List(&'static str),
    /// The first present of these string attributes.
    Attr(&'static [&'static str]),
    /// Repeated blocks (or a list of objects), one RR per block: `record { value = ... }`.
    Blocks(&'static str, &'static str),
    /// Repeated blocks that are records of their own, each with its name, type and value:
    /// `record { name = ..., type = ..., data = ... }`.
    Records {
        block: &'static str,
        name: &'static str,
        rtype: &'static str,
        value: &'static [&'static str],
    },
}

/// One supported resource type.
pub(crate) struct Kind {
    pub rtype: &'static str,
    /// The attribute holding the record type, or the type itself after `=`.
    pub type_attr: &'static str,
    pub name: &'static str,
    pub values: Values,
    /// The attribute naming the zone, and whether a literal there is the zone's DNS name
    /// (`zone_id` literals are opaque identifiers).
    pub zone: &'static str,
    pub zone_literal_is_name: bool,
    /// The name is always a full name (`ns1_record.domain`).
    pub fqdn: bool,
    pub quoting: Quoting,
}

const fn kind(
    rtype: &'static str,
    type_attr: &'static str,
    name: &'static str,
    values: Values,
    zone: &'static str,
    quoting: Quoting,
) -> Kind {
    Kind {
        rtype,
        type_attr,
        name,
        values,
        zone,
        zone_literal_is_name: !matches!(
            zone.as_bytes(),
            b"zone_id" | b"managed_zone" | b"domain_id" | b"zone_name_or_id"
        ),
        fqdn: false,
        quoting,
    }
}

/// A kind whose name attribute always holds a full name.
const fn full(kind: Kind) -> Kind {
    Kind { fqdn: true, ..kind }
}

const CONTENT: Values = Values::Attr(&["content", "value"]);
const VALUE: Values = Values::Attr(&["value"]);
const fn attr(name: &'static [&'static str]) -> Values {
    Values::Attr(name)
}

use Quoting::{Google, Plain, Presentation, Route53};

#[rustfmt::skip]
pub(super) static KINDS: &[Kind] = &[
    // hashicorp/aws: route53_record. Quotes each element itself; `\"\"` splits.
    kind("aws_route53_record", "type", "name", Values::List("records"), "zone_id", Route53),
    // cloudflare/cloudflare v4: record; v5: dns_record (`content`). Splits long values.
    kind("cloudflare_record", "type", "name", CONTENT, "zone_id", Plain),
    kind("cloudflare_dns_record", "type", "name", CONTENT, "zone_id", Plain),
    // hashicorp/google: dns_record_set. `rrdatas` are zone-file text.
    kind("google_dns_record_set", "type", "name", Values::List("rrdatas"), "managed_zone", Google),
    // hashicorp/azurerm: dns_txt_record, dns_cname_record, private_dns_txt_record,
    // private_dns_cname_record. One `record { value }` block per RR, split by the provider.
    kind("azurerm_dns_txt_record", "=TXT", "name", Values::Blocks("record", "value"), "zone_name", Plain),
    kind("azurerm_dns_cname_record", "=CNAME", "name", attr(&["record"]), "zone_name", Plain),
    kind("azurerm_private_dns_txt_record", "=TXT", "name", Values::Blocks("record", "value"), "zone_name", Plain),
    kind("azurerm_private_dns_cname_record", "=CNAME", "name", attr(&["record"]), "zone_name", Plain),
    // digitalocean/digitalocean: record.
    kind("digitalocean_record", "type", "name", VALUE, "domain", Plain),
    // dnsimple/dnsimple: zone_record, and the older record.
    kind("dnsimple_zone_record", "type", "name", VALUE, "zone_name", Plain),
    kind("dnsimple_record", "type", "name", VALUE, "domain", Plain),
    // ns1-terraform/ns1: record (`domain` is the full name).
    full(kind("ns1_record", "type", "domain", Values::Blocks("answers", "answer"), "zone", Plain)),
    // go-gandi/gandi: livedns_record.
    kind("gandi_livedns_record", "type", "name", Values::List("values"), "zone", Plain),
    // ovh/ovh: domain_zone_record (`fieldtype`, `target`).
    kind("ovh_domain_zone_record", "fieldtype", "subdomain", attr(&["target"]), "zone", Plain),
    // timohirt/hetznerdns: record.
    kind("hetznerdns_record", "type", "name", VALUE, "zone_id", Plain),
    // hetznercloud/hcloud: zone_rrset. TXT records must be quoted strings
    // (`provider::hcloud::txt_record` writes them).
    kind("hcloud_zone_rrset", "type", "name", Values::Blocks("records", "value"), "zone", Presentation),
    // scaleway/scaleway: domain_record (`data`).
    kind("scaleway_domain_record", "type", "name", attr(&["data"]), "dns_zone", Plain),
    // n3integration/godaddy: domain_record, nested `record { name type data }` blocks.
    kind("godaddy_domain_record", "type", "name", Values::Records { block: "record", name: "name", rtype: "type", value: &["data"] }, "domain", Plain),
    // veksh/godaddy-dns: record.
    kind("godaddy-dns_record", "type", "name", attr(&["data"]), "domain", Plain),
    // namecheap/namecheap: domain_records, nested `record { hostname type address }` blocks.
    kind("namecheap_domain_records", "type", "name", Values::Records { block: "record", name: "hostname", rtype: "type", value: &["address"] }, "domain", Plain),
    // linode/linode: domain_record (`record_type`, `target`).
    kind("linode_domain_record", "record_type", "name", attr(&["target"]), "domain_id", Plain),
    // vultr/vultr: dns_record (`data`).
    kind("vultr_dns_record", "type", "name", attr(&["data"]), "domain", Plain),
    // cullenmcdermott/porkbun: dns_record (`content`).
    kind("porkbun_dns_record", "type", "name", attr(&["content"]), "domain", Plain),
    // netlify/netlify: dns_record (`hostname` is the full name).
    full(kind("netlify_dns_record", "type", "hostname", VALUE, "zone_id", Plain)),
    // vercel/vercel: dns_record.
    kind("vercel_dns_record", "type", "name", VALUE, "domain", Plain),
    // pan-net/powerdns: record (full name, `records` in zone-file text: TXT quoted).
    full(kind("powerdns_record", "type", "name", Values::List("records"), "zone", Presentation)),
    // valodim/desec: rrset (`subname`; `records` in zone-file text: TXT quoted).
    kind("desec_rrset", "type", "subname", Values::List("records"), "domain", Presentation),
    // hashicorp/dns: txt_record_set (`txt`), cname_record (`cname`).
    kind("dns_txt_record_set", "=TXT", "name", Values::List("txt"), "zone", Plain),
    kind("dns_cname_record", "=CNAME", "name", attr(&["cname"]), "zone", Plain),
    // oracle/oci: dns_rrset (`domain` full, `items { rdata }`).
    full(kind("oci_dns_rrset", "rtype", "domain", Values::Blocks("items", "rdata"), "zone_name_or_id", Plain)),
    // akamai/akamai: dns_record (`name` full, `recordtype`, `target` list).
    full(kind("akamai_dns_record", "recordtype", "name", Values::List("target"), "zone", Plain)),
    // aliyun/alicloud: alidns_record (`rr`, `domain_name`).
    kind("alicloud_alidns_record", "type", "rr", VALUE, "domain_name", Plain),
    // tencentcloudstack/tencentcloud: dnspod_record (`sub_domain`, `record_type`).
    kind("tencentcloud_dnspod_record", "record_type", "sub_domain", VALUE, "domain", Plain),
    // ClouDNS/cloudns: dns_record.
    kind("cloudns_dns_record", "type", "name", VALUE, "zone", Plain),
    // BunnyWay/bunnynet: dns_record (`zone` is a numeric id).
    kind("bunnynet_dns_record", "type", "name", VALUE, "zone", Plain),
    // Constellix/constellix: txt_record (`roundrobin { value }` blocks).
    kind("constellix_txt_record", "=TXT", "name", Values::Blocks("roundrobin", "value"), "domain_id", Plain),
    // ultradns/ultradns: record (`owner_name`, `record_type`, `record_data`).
    kind("ultradns_record", "record_type", "owner_name", Values::List("record_data"), "zone_name", Plain),
    // hashicorp/aws: lightsail_domain_entry (`target`).
    kind("aws_lightsail_domain_entry", "type", "name", attr(&["target"]), "domain_name", Plain),
    // exoscale/exoscale: domain_record (`record_type`, `content`).
    kind("exoscale_domain_record", "record_type", "name", attr(&["content"]), "domain", Plain),
    // huaweicloud/huaweicloud: dns_recordset (full name; TXT quoted in `records`).
    full(kind("huaweicloud_dns_recordset", "type", "name", Values::List("records"), "zone_id", Presentation)),
    // terraform-provider-openstack/openstack: dns_recordset_v2 (Designate: zone-file text).
    full(kind("openstack_dns_recordset_v2", "type", "name", Values::List("records"), "zone_id", Presentation)),
    // yandex-cloud/yandex: dns_recordset (`data` list).
    kind("yandex_dns_recordset", "type", "name", Values::List("data"), "zone_id", Plain),
    // inwx/inwx: nameserver_record (`content`).
    kind("inwx_nameserver_record", "type", "name", attr(&["content"]), "domain", Plain),
    // G-Core/gcore: dns_zone_record (`domain` full, `resource_record { content }`).
    full(kind("gcore_dns_zone_record", "type", "domain", Values::Blocks("resource_record", "content"), "zone", Plain)),
    // infobloxopen/infoblox: txt_record (`fqdn`, `text`; embedded spaces need `\"...\"`).
    // No zone attribute: the name is full.
    full(kind("infoblox_txt_record", "=TXT", "fqdn", attr(&["text"]), "", Presentation)),
];

/// Zone data sources whose `name` argument is the zone's DNS name.
pub(super) const ZONE_DATA: &[&str] = &[
    "aws_route53_zone",
    "cloudflare_zone",
    "azurerm_dns_zone",
    "digitalocean_domain",
    "hetznerdns_zone",
    "hcloud_zone",
    "cloudflare_zones",
];

/// Zone data sources that return a list of the zones found, and the attribute holding it
/// (`data.cloudflare_zones.z.result[0].id`; `zones` before v5).
pub(super) const ZONE_LIST_DATA: &[(&str, &str)] = &[
    ("cloudflare_zones", "result"),
    ("cloudflare_zones", "zones"),
];

/// Zone resources: the type and the attribute holding the zone's DNS name.
pub(crate) const ZONES: &[(&str, &str)] = &[
    ("aws_route53_zone", "name"),
    ("cloudflare_zone", "zone"),
    ("google_dns_managed_zone", "dns_name"),
    ("azurerm_dns_zone", "name"),
    ("azurerm_private_dns_zone", "name"),
    ("digitalocean_domain", "name"),
    ("dnsimple_zone", "name"),
    ("ns1_zone", "zone"),
    ("gandi_livedns_domain", "name"),
    ("ovh_domain_zone", "name"),
    ("hetznerdns_zone", "name"),
    ("hcloud_zone", "name"),
    ("linode_domain", "domain"),
    ("vultr_dns_domain", "domain"),
    ("desec_domain", "name"),
    ("powerdns_zone", "name"),
    ("cloudns_dns_zone", "domain"),
    ("bunnynet_dns_zone", "domain"),
    ("oci_dns_zone", "name"),
    ("akamai_dns_zone", "zone"),
    ("netlify_dns_zone", "name"),
    ("exoscale_domain", "name"),
    ("huaweicloud_dns_zone", "name"),
    ("openstack_dns_zone_v2", "name"),
    ("yandex_dns_zone", "zone"),
    ("alicloud_alidns_domain", "domain_name"),
    ("constellix_domain", "name"),
];

/// The kind of a resource type, when it is a DNS record type we read.
/// The resource types that can hold a TXT record, in table order: what `generate` writes.
/// Types whose records are nested blocks of one resource per domain (godaddy, namecheap)
/// are read but not written: a generated resource of theirs would replace the domain's
/// other records.
pub(super) fn txt_kinds() -> impl Iterator<Item = &'static Kind> {
    KINDS.iter().filter(|k| {
        (!k.type_attr.starts_with('=') || k.type_attr == "=TXT")
            && !matches!(k.values, Values::Records { .. })
    })
}

/// A resource of an unlisted type read by its shape (`generic`): a plain string, since
/// its quoting is not known; a zone only where a literal with a dot names it.
pub(super) static GENERIC: Kind = kind("", "type", "name", VALUE, "zone_id", Plain);

pub(crate) fn find(rtype: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.rtype == rtype)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_resource_type_is_listed_once() {
        for (i, k) in KINDS.iter().enumerate() {
            assert!(
                KINDS[..i].iter().all(|o| o.rtype != k.rtype),
                "{} twice",
                k.rtype
            );
        }
        assert!(KINDS.len() >= 12 + 25);
    }
}
