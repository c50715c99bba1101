package io.kapi.api.discovery;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders API version strings the way Kubernetes prefers them (upstream's
 * {@code CompareKubeAwareVersionStrings}): GA before beta before alpha, higher major first, then
 * higher minor; versions that are not Kubernetes-like ({@code foo1}) come last, lexicographically.
 * Example order: {@code v10, v2, v1, v11beta2, v10beta3, v3beta1, v12alpha1, v11alpha2, foo1, foo10}.
 */
public final class KubeVersionComparator implements Comparator<String> {
  /** The comparator: "smaller" means "preferred". */
  public static final KubeVersionComparator INSTANCE = new KubeVersionComparator();

  private static final Pattern KUBE_VERSION = Pattern.compile("^v(\\d+)(?:(alpha|beta)(\\d+))?$");

  private KubeVersionComparator() {}

  @Override
  public int compare(String a, String b) {
    Matcher ma = KUBE_VERSION.matcher(a);
    Matcher mb = KUBE_VERSION.matcher(b);
    boolean ka = ma.matches() && !overflows(ma);
    boolean kb = mb.matches() && !overflows(mb);
    if (!ka && !kb) {
      return a.compareTo(b);
    }
    if (!ka) {
      return 1;
    }
    if (!kb) {
      return -1;
    }
    int stability = Integer.compare(stability(ma.group(2)), stability(mb.group(2)));
    if (stability != 0) {
      return stability;
    }
    int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
    if (major != 0) {
      return major;
    }
    if (ma.group(3) == null) {
      return 0;
    }
    return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
  }

  private static boolean overflows(Matcher m) {
    return m.group(1).length() > 18 || (m.group(3) != null && m.group(3).length() > 18);
  }

  /** 0 for GA, 1 for beta, 2 for alpha. */
  private static int stability(String qualifier) {
    if (qualifier == null) {
      return 0;
    }
    return qualifier.equals("beta") ? 1 : 2;
  }
}
