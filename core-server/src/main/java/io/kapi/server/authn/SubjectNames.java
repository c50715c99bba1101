package io.kapi.server.authn;

import com.google.common.collect.ImmutableList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The parts of a certificate subject that Kubernetes turns into a user: the common name (the last
 * CN if there are several, as Go's {@code pkix.Name} does) and the organizations (every O, in
 * order).
 */
record SubjectNames(String commonName, List<String> organizations) {
  private static final String COMMON_NAME_OID = "2.5.4.3";
  private static final String ORGANIZATION_OID = "2.5.4.10";

  static SubjectNames of(X500Principal subject) {
    LdapName name;
    try {
      name = new LdapName(subject.getName(X500Principal.RFC2253));
    } catch (InvalidNameException e) {
      throw new IllegalArgumentException("unparseable certificate subject " + subject, e);
    }
    String commonName = "";
    ImmutableList.Builder<String> organizations = ImmutableList.builder();
    // LdapName lists RDNs right to left, which is their order in the certificate
    for (Rdn rdn : name.getRdns()) {
      NamingEnumeration<? extends Attribute> attributes = rdn.toAttributes().getAll();
      try {
        while (attributes.hasMore()) {
          Attribute attribute = attributes.next();
          String type = attribute.getID();
          boolean isCommonName = type.equalsIgnoreCase("CN") || type.equals(COMMON_NAME_OID);
          boolean isOrganization = type.equalsIgnoreCase("O") || type.equals(ORGANIZATION_OID);
          for (int i = 0; i < attribute.size(); i++) {
            if (!(attribute.get(i) instanceof String value)) {
              continue;
            }
            if (isCommonName) {
              commonName = value;
            } else if (isOrganization) {
              organizations.add(value);
            }
          }
        }
      } catch (NamingException e) {
        throw new IllegalArgumentException("unparseable certificate subject " + subject, e);
      }
    }
    return new SubjectNames(commonName, organizations.build());
  }
}
