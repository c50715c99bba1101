package io.kapi.benchmarks.load;

import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options of the load benchmarks: {@code --name=value} pairs and the flag {@code
 * --quick}, which picks short smoke-run defaults for the options not given.
 */
final class Options {
  private final Map<String, String> values;
  private final boolean quick;

  private Options(Map<String, String> values, boolean quick) {
    this.values = values;
    this.quick = quick;
  }

  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    boolean quick = false;
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
      } else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
        int eq = arg.indexOf('=');
        values.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else {
        throw new IllegalArgumentException(
            "unknown argument: " + arg + " (use --name=value or --quick)");
      }
    }
    return new Options(values, quick);
  }

  boolean quick() {
    return quick;
  }

  /**
   * The option's value, else {@code quickDefault} under {@code --quick}, else {@code fullDefault}.
   */
  int intValue(String name, int fullDefault, int quickDefault) {
    String value = values.get(name);
    return value != null ? Integer.parseInt(value) : quick ? quickDefault : fullDefault;
  }

  String string(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }
}
