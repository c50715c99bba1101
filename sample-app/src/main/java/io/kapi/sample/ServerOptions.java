package io.kapi.sample;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command-line flags of the sample server, spelled as kube-apiserver's. Parsed by picocli;
 * {@code kapi-server --help} lists them.
 */
@Command(
    name = "kapi-server",
    mixinStandardHelpOptions = true,
    description = "Serves a Kubernetes-style API (aggregator, kube-apiserver, apiextensions-apiserver).",
    sortOptions = false)
final class ServerOptions implements Callable<Integer> {
  @Option(
      names = "--secure-port",
      description = "The port on which to serve HTTPS; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  int securePort = 6443;

  @Option(
      names = "--bind-address",
      description = "The IP address on which to listen (default: ${DEFAULT-VALUE}).")
  String bindAddress = "127.0.0.1";

  @Option(
      names = "--data-dir",
      description = "Where certificates, credentials, the kubeconfig and data live (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("data");

  @Option(
      names = "--storage-backend",
      description = "Where objects are stored: SQLITE (durable, in the data directory) or MEMORY (default: ${DEFAULT-VALUE}).",
      converter = StorageBackendConverter.class)
  StorageBackend storageBackend = StorageBackend.SQLITE;

  @Option(
      names = {"-v", "--v"},
      description = "Log verbosity, as kube-apiserver's: 3 logs every request, 5 routing decisions (default: ${DEFAULT-VALUE}).")
  int verbosity = 0;

  /** Accepts {@code sqlite}/{@code memory} in any case. */
  static final class StorageBackendConverter
      implements picocli.CommandLine.ITypeConverter<StorageBackend> {
    @Override
    public StorageBackend convert(String value) {
      try {
        return StorageBackend.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected sqlite or memory, got '" + value + "'");
      }
    }
  }

  /** Set by {@link Main} to run the server once the flags are parsed. */
  Callable<Integer> action = () -> 0;

  @Override
  public Integer call() throws Exception {
    return action.call();
  }
}
