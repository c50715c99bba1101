package io.kapi.server;

import io.kapi.api.discovery.VersionInfo;

/**
 * The version Kapi reports at {@code /version}: the Kubernetes API level it implements (kubectl picks
 * its matching release from {@code major}/{@code minor}) plus Kapi's own build.
 */
public final class KapiVersion {
  /** The Kubernetes minor release whose API Kapi implements. */
  public static final String KUBERNETES_MINOR = "33";

  private KapiVersion() {}

  /** The version document of this build. */
  public static VersionInfo info() {
    String kapi = KapiVersion.class.getPackage().getImplementationVersion();
    return new VersionInfo(
        "1",
        KUBERNETES_MINOR,
        "v1." + KUBERNETES_MINOR + ".0",
        kapi == null ? "kapi-dev" : "kapi-" + kapi,
        "clean",
        "1970-01-01T00:00:00Z",
        "java" + Runtime.version().feature(),
        "javac",
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/"
            + goArch(System.getProperty("os.arch")));
  }

  private static String goArch(String javaArch) {
    return switch (javaArch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> javaArch;
    };
  }
}
