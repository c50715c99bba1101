package io.kapi.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameValidationTest {

  @Test
  void subdomainMessageIsUpstreams() {
    assertThat(NameValidation.DNS_SUBDOMAIN.validate("A_b", false))
        .containsExactly(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
                + " or '.', and must start and end with an alphanumeric character (e.g."
                + " 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    assertThat(NameValidation.DNS_SUBDOMAIN.validate("a.b-c", false)).isEmpty();
    assertThat(NameValidation.DNS_SUBDOMAIN.validate("a".repeat(254), false))
        .containsExactly("must be no more than 253 characters");
  }

  @Test
  void labelRejectsDotsAndLongNames() {
    assertThat(NameValidation.DNS_LABEL.validate("a.b", false))
        .containsExactly(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
                + " and must start and end with an alphanumeric character (e.g. 'my-name',  or"
                + " '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    assertThat(NameValidation.DNS_LABEL.validate("a".repeat(64), false))
        .containsExactly("must be no more than 63 characters");
  }

  @Test
  void generateNamePrefixMayEndWithDash() {
    assertThat(NameValidation.DNS_SUBDOMAIN.validate("web-", true)).isEmpty();
    assertThat(NameValidation.DNS_SUBDOMAIN.validate("web-", false)).hasSize(1);
  }

  @Test
  void pathSegmentRejectsDotsSlashAndPercent() {
    assertThat(NameValidation.PATH_SEGMENT.validate("..", false)).containsExactly("may not be '..'");
    assertThat(NameValidation.PATH_SEGMENT.validate("a%b/c", false))
        .containsExactly("may not contain '/'", "may not contain '%'");
    assertThat(NameValidation.PATH_SEGMENT.validate("A_b", false)).isEmpty();
  }
}
