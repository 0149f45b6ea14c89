resource "aws_route53_record" "r101" {
  zone_id = "Z123"
  name    = "_smtp._tls.r101.example.com"
  type    = "TXT"
  ttl     = 3600
  records = [" v=TLSRPTv1; rua=mailto:tlsrpt@example.com"]
}

resource "aws_route53_record" "r101u" {
  zone_id = "Z123"
  name    = "_smtp._tls.r101u.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["rua=mailto:tlsrpt@example.com"]
}

resource "aws_route53_record" "r102" {
  zone_id = "Z123"
  name    = "_smtp._tls.r102.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=tlsrptv1; rua=mailto:tlsrpt@example.com"]
}

resource "aws_route53_record" "r103" {
  zone_id = "Z123"
  name    = "_smtp._tls.r103.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1 rua=mailto:tlsrpt@example.com"]
}

resource "aws_route53_record" "r104" {
  zone_id = "Z123"
  name    = "_smtp._tls.r104.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1 ; rua=mailto:tlsrpt@example.com"]
}

resource "aws_route53_record" "r106" {
  zone_id = "Z123"
  name    = "_smtp._tls.r106.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1;; rua=mailto:tlsrpt@example.com"]
}

resource "aws_route53_record" "r107" {
  zone_id = "Z123"
  name    = "_smtp._tls.r107.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua = mailto:tlsrpt@example.com"]
}

resource "aws_route53_record" "r110" {
  zone_id = "Z123"
  name    = "_smtp._tls.r110.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; RUA=mailto:tlsrpt@example.com"]
}

resource "aws_route53_record" "r112" {
  zone_id = "Z123"
  name    = "_smtp._tls.r112.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1;​ rua=mailto:tlsrpt@example.com"]
}

resource "aws_route53_record" "r113" {
  zone_id = "Z123"
  name    = "_smtp._tls.r113.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua=mailto:tlsrpt@exam\tple.com"]
}

resource "aws_route53_record" "r201" {
  zone_id = "Z123"
  name    = "_smtp._tls.r201.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua=tlsrpt@example.com"]
}

resource "aws_route53_record" "r202" {
  zone_id = "Z123"
  name    = "_smtp._tls.r202.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua=http://reports.example.com/tlsrpt"]
}

resource "aws_route53_record" "r203" {
  zone_id = "Z123"
  name    = "_smtp._tls.r203.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua=mailto;tlsrpt@example.com"]
}

resource "aws_route53_record" "r205" {
  zone_id = "Z123"
  name    = "_smtp._tls.r205.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua=mailto:tls!rpt@example.com"]
}

resource "aws_route53_record" "r206" {
  zone_id = "Z123"
  name    = "_smtp._tls.r206.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua=mailto:tlsrpt@example.com,"]
}

resource "aws_route53_record" "r207" {
  zone_id = "Z123"
  name    = "_smtp._tls.r207.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua=mailto:tlsrpt@example.com,mailto:tlsrpt@EXAMPLE.com"]
}

resource "aws_route53_record" "r208" {
  zone_id = "Z123"
  name    = "_smtp._tls.r208.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua=mailto:tlsrpt@example.com?subject=tlsrpt"]
}

resource "aws_route53_record" "r403" {
  zone_id = "Z123"
  name    = "example.org._report._tls.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=tlsrptv1;"]
}

resource "aws_route53_record" "r501" {
  zone_id = "Z123"
  name    = "_mta-sts.r501.example.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=STSv1 id=20240101"]
}

