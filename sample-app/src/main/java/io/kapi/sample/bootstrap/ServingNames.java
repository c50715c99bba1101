package io.kapi.sample.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSet;
import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The subject alternative names a serving certificate must carry: {@code localhost}, {@code
 * 127.0.0.1} and {@code ::1} always, plus the bind address when it is a specific address (a
 * wildcard such as {@code 0.0.0.0} adds nothing; clients then connect through loopback).
 */
record ServingNames(Set<String> dnsNames, Set<InetAddress> ipAddresses) {
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  static final ServingNames LOOPBACK =
      new ServingNames(
          Set.of("localhost"),
          Set.of(InetAddresses.forString("127.0.0.1"), InetAddresses.forString("::1")));

  ServingNames {
    dnsNames = ImmutableSet.copyOf(dnsNames);
    ipAddresses = ImmutableSet.copyOf(ipAddresses);
  }

  /**
   * The names for a server bound to {@code bindAddress} (an IP literal, optionally bracketed, or a
   * host name).
   *
   * @throws IllegalArgumentException if {@code bindAddress} is neither
   */
  static ServingNames forBindAddress(String bindAddress) {
    String host = unbracket(bindAddress);
    if (InetAddresses.isInetAddress(host)) {
      InetAddress address = InetAddresses.forString(host);
      if (address.isAnyLocalAddress()) {
        return LOOPBACK;
      }
      return new ServingNames(
          LOOPBACK.dnsNames,
          ImmutableSet.<InetAddress>builder().addAll(LOOPBACK.ipAddresses).add(address).build());
    }
    return new ServingNames(
        ImmutableSet.<String>builder().addAll(LOOPBACK.dnsNames).add(dnsName(host)).build(),
        LOOPBACK.ipAddresses);
  }

  /** Whether {@code certificate} has every one of these names. */
  boolean coveredBy(X509Certificate certificate) {
    ServingNames present = of(certificate);
    return present.dnsNames.containsAll(dnsNames) && present.ipAddresses.containsAll(ipAddresses);
  }

  /** Whether a client connecting to {@code host} would accept {@code certificate}. */
  static boolean covers(X509Certificate certificate, String host) {
    return forHost(host).map(names -> of(certificate).containsAll(names)).orElse(false);
  }

  private boolean containsAll(ServingNames other) {
    return dnsNames.containsAll(other.dnsNames) && ipAddresses.containsAll(other.ipAddresses);
  }

  private static Optional<ServingNames> forHost(String host) {
    String unbracketed = unbracket(host);
    if (InetAddresses.isInetAddress(unbracketed)) {
      return Optional.of(new ServingNames(Set.of(), Set.of(InetAddresses.forString(unbracketed))));
    }
    if (!InternetDomainName.isValid(unbracketed)) {
      return Optional.empty();
    }
    return Optional.of(new ServingNames(Set.of(unbracketed.toLowerCase(Locale.ROOT)), Set.of()));
  }

  /** The names {@code certificate} carries. */
  static ServingNames of(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException(
          "unparseable subject alternative names in " + certificate.getSubjectX500Principal(), e);
    }
    ImmutableSet.Builder<String> dns = ImmutableSet.builder();
    ImmutableSet.Builder<InetAddress> ips = ImmutableSet.builder();
    if (names != null) {
      for (List<?> name : names) {
        int type = (Integer) name.get(0);
        if (type == DNS_NAME) {
          dns.add(((String) name.get(1)).toLowerCase(Locale.ROOT));
        } else if (type == IP_ADDRESS && InetAddresses.isInetAddress((String) name.get(1))) {
          ips.add(InetAddresses.forString((String) name.get(1)));
        }
      }
    }
    return new ServingNames(dns.build(), ips.build());
  }

  GeneralNames toGeneralNames() {
    GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
    int i = 0;
    for (String dns : dnsNames) {
      names[i++] = new GeneralName(GeneralName.dNSName, dns);
    }
    for (InetAddress ip : ipAddresses) {
      names[i++] = new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress()));
    }
    return new GeneralNames(names);
  }

  static String unbracket(String host) {
    if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
      return host.substring(1, host.length() - 1);
    }
    return host;
  }

  private static String dnsName(String host) {
    checkArgument(
        InternetDomainName.isValid(host),
        "bind address %s is neither an IP address nor a host name",
        host);
    return host.toLowerCase(Locale.ROOT);
  }
}
