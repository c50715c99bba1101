package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.TableColumn;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Table columns kubectl shows for the core kinds, computed as upstream's printers do ({@code
 * pkg/printers/internalversion/printers.go}): every cell the wide output needs is always present
 * (priority 1 columns show with {@code -o wide}), ages are relative to the clock ({@code 5m}).
 */
final class CoreTables {
  private final Clock clock;

  CoreTables(Clock clock) {
    this.clock = checkNotNull(clock, "clock");
  }

  /** {@code AGE}: the time since creation, as kubectl prints it. */
  TableColumn age() {
    return column(
        "Age",
        "The time since the object was created.",
        0,
        o -> HumanDuration.since(o.getCreationTimestamp(), clock.instant()));
  }

  TableColumn[] pods() {
    return new TableColumn[] {
      column("Ready", "Ready containers of all containers.", 0, CoreTables::podReady),
      column(
          "Status", "The pod's phase or the reason it is not running.", 0, CoreTables::podStatus),
      column(
          "Restarts",
          "Container restarts, and how long ago the last one was.",
          0,
          this::podRestarts),
      age(),
      column("IP", "The pod's first IP address.", 1, p -> orNone(firstPodIp(p))),
      column(
          "Node", "The node the pod runs on.", 1, p -> orNone(Trees.string(p, "spec", "nodeName"))),
      column(
          "Nominated Node",
          "The node the scheduler nominated for the pod.",
          1,
          p -> orNone(Trees.string(p, "status", "nominatedNodeName"))),
      column(
          "Readiness Gates", "True readiness gates of all gates.", 1, CoreTables::readinessGates),
    };
  }

  TableColumn[] services() {
    return new TableColumn[] {
      column("Type", "How the service is exposed.", 0, s -> Trees.string(s, "spec", "type")),
      column(
          "Cluster-IP",
          "The service's cluster IP.",
          0,
          s -> orNone(first(Trees.strings(Trees.object(s, "spec"), "clusterIPs")))),
      column("External-IP", "Addresses outside the cluster.", 0, CoreTables::externalIp),
      column("Port(s)", "The service's ports.", 0, s -> orNone(ports(Trees.object(s, "spec")))),
      age(),
      column(
          "Selector",
          "The labels of the pods the service routes to.",
          1,
          s -> labels(Trees.stringMap(Trees.object(s, "spec"), "selector"))),
    };
  }

  TableColumn[] configMaps() {
    return new TableColumn[] {
      column(
          "Data",
          "The number of entries.",
          0,
          c -> (long) (Trees.size(c.object(), "data") + Trees.size(c.object(), "binaryData"))),
      age(),
    };
  }

  TableColumn[] secrets() {
    return new TableColumn[] {
      column("Type", "The secret's type.", 0, s -> Trees.string(s.object(), "type")),
      column("Data", "The number of entries.", 0, s -> (long) Trees.size(s.object(), "data")),
      age(),
    };
  }

  TableColumn[] namespaces() {
    return new TableColumn[] {
      column("Status", "The namespace's phase.", 0, n -> Trees.string(n, "status", "phase")), age(),
    };
  }

  TableColumn[] serviceAccounts() {
    return new TableColumn[] {
      column(
          "Secrets",
          "The number of secrets the service account lists.",
          0,
          a -> (long) Trees.size(a.object(), "secrets")),
      age(),
    };
  }

  /**
   * Event columns; upstream puts {@code Name} last (wide only) while this model always starts with
   * it.
   */
  TableColumn[] events() {
    return new TableColumn[] {
      column("Last Seen", "When the event was last seen.", 0, e -> eventTimes(e)[1]),
      column("Type", "Normal or Warning.", 0, e -> Trees.string(e.object(), "type")),
      column(
          "Reason",
          "Why the event happened, in one word.",
          0,
          e -> Trees.string(e.object(), "reason")),
      column("Object", "The object the event is about.", 0, CoreTables::eventObject),
      column(
          "Subobject",
          "The part of the object the event is about.",
          1,
          e -> Trees.string(e, "involvedObject", "fieldPath")),
      column("Source", "The component that reported the event.", 1, CoreTables::eventSource),
      column("Message", "What happened.", 0, e -> Trees.string(e.object(), "message").strip()),
      column("First Seen", "When the event was first seen.", 1, e -> eventTimes(e)[0]),
      column("Count", "How often the event happened.", 1, CoreTables::eventCount),
    };
  }

  private static TableColumn column(
      String name,
      String description,
      int priority,
      Function<Unstructured, @Nullable Object> cell) {
    return TableColumn.of(name, "string", description, priority, cell);
  }

  // ---- pods ----

  /** {@code READY}: ready containers (and started restartable init containers) of all. */
  static String podReady(Unstructured pod) {
    PodSummary summary = podSummary(pod);
    return summary.ready + "/" + summary.total;
  }

  /** {@code STATUS}: the phase, or the reason a container gives, as kubectl shows it. */
  static String podStatus(Unstructured pod) {
    return podSummary(pod).reason;
  }

  private String podRestarts(Unstructured pod) {
    PodSummary summary = podSummary(pod);
    if (summary.restarts != 0 && summary.lastRestart != null) {
      return summary.restarts
          + " ("
          + HumanDuration.since(summary.lastRestart, clock.instant())
          + " ago)";
    }
    return Long.toString(summary.restarts);
  }

  private record PodSummary(
      long ready, long total, String reason, long restarts, @Nullable Instant lastRestart) {}

  /** Upstream's {@code printPod} reasoning over container statuses. */
  private static PodSummary podSummary(Unstructured pod) {
    ObjectNode spec = Trees.object(pod, "spec");
    ObjectNode status = Trees.object(pod, "status");
    String phase = Trees.string(status, "phase");
    String reason =
        Trees.string(status, "reason").isEmpty() ? phase : Trees.string(status, "reason");
    for (ObjectNode condition : Trees.objects(status, "conditions")) {
      if (Trees.string(condition, "type").equals("PodScheduled")
          && Trees.string(condition, "reason").equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }
    Map<String, Boolean> restartableInit = new HashMap<>();
    long total = Trees.size(spec, "containers");
    for (ObjectNode init : Trees.objects(spec, "initContainers")) {
      boolean restartable = Trees.string(init, "restartPolicy").equals("Always");
      restartableInit.put(Trees.string(init, "name"), restartable);
      if (restartable) {
        total++;
      }
    }
    long ready = 0;
    long restarts = 0;
    long sidecarRestarts = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;
    boolean initializing = false;
    List<ObjectNode> initStatuses = Trees.objects(status, "initContainerStatuses");
    int initCount = Trees.size(spec, "initContainers");
    for (int i = 0; i < initStatuses.size(); i++) {
      ObjectNode container = initStatuses.get(i);
      long count = Trees.integer(container, "restartCount");
      restarts += count;
      Instant finished = lastTerminated(container);
      lastRestart = later(lastRestart, finished);
      boolean restartable = restartableInit.getOrDefault(Trees.string(container, "name"), false);
      if (restartable) {
        sidecarRestarts += count;
        lastSidecarRestart = later(lastSidecarRestart, finished);
      }
      ObjectNode state = Trees.object(container, "state");
      ObjectNode terminated = Trees.object(state, "terminated");
      ObjectNode waiting = Trees.object(state, "waiting");
      if (terminated != null && Trees.integer(terminated, "exitCode") == 0) {
        continue;
      }
      if (restartable && Trees.bool(container, "started")) {
        if (Trees.bool(container, "ready")) {
          ready++;
        }
        continue;
      }
      if (terminated != null) {
        String why = Trees.string(terminated, "reason");
        if (why.isEmpty()) {
          long signal = Trees.integer(terminated, "signal");
          reason =
              signal != 0
                  ? "Init:Signal:" + signal
                  : "Init:ExitCode:" + Trees.integer(terminated, "exitCode");
        } else {
          reason = "Init:" + why;
        }
      } else if (waiting != null
          && !Trees.string(waiting, "reason").isEmpty()
          && !Trees.string(waiting, "reason").equals("PodInitializing")) {
        reason = "Init:" + Trees.string(waiting, "reason");
      } else {
        reason = "Init:" + i + "/" + initCount;
      }
      initializing = true;
      break;
    }
    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      List<ObjectNode> statuses = Trees.objects(status, "containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        ObjectNode container = statuses.get(i);
        restarts += Trees.integer(container, "restartCount");
        lastRestart = later(lastRestart, lastTerminated(container));
        ObjectNode state = Trees.object(container, "state");
        ObjectNode terminated = Trees.object(state, "terminated");
        ObjectNode waiting = Trees.object(state, "waiting");
        if (waiting != null && !Trees.string(waiting, "reason").isEmpty()) {
          reason = Trees.string(waiting, "reason");
        } else if (terminated != null && !Trees.string(terminated, "reason").isEmpty()) {
          reason = Trees.string(terminated, "reason");
        } else if (terminated != null) {
          long signal = Trees.integer(terminated, "signal");
          reason =
              signal != 0
                  ? "Signal:" + signal
                  : "ExitCode:" + Trees.integer(terminated, "exitCode");
        } else if (Trees.bool(container, "ready") && Trees.object(state, "running") != null) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }
    if (pod.getDeletionTimestamp() != null) {
      if (Trees.string(status, "reason").equals("NodeLost")) {
        reason = "Unknown";
      } else if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
        reason = "Terminating";
      }
    }
    return new PodSummary(ready, total, reason, restarts, lastRestart);
  }

  private static @Nullable Instant lastTerminated(ObjectNode container) {
    ObjectNode terminated = Trees.object(Trees.object(container, "lastState"), "terminated");
    return Trees.time(terminated, "finishedAt");
  }

  private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isAfter(a) ? b : a;
  }

  private static boolean conditionTrue(@Nullable ObjectNode status, String type) {
    for (ObjectNode condition : Trees.objects(status, "conditions")) {
      if (Trees.string(condition, "type").equals(type)) {
        return Trees.string(condition, "status").equals("True");
      }
    }
    return false;
  }

  private static String firstPodIp(Unstructured pod) {
    List<ObjectNode> ips = Trees.objects(Trees.object(pod, "status"), "podIPs");
    return ips.isEmpty() ? "" : Trees.string(ips.get(0), "ip");
  }

  private static String readinessGates(Unstructured pod) {
    List<ObjectNode> gates = Trees.objects(Trees.object(pod, "spec"), "readinessGates");
    if (gates.isEmpty()) {
      return "<none>";
    }
    int trueConditions = 0;
    for (ObjectNode gate : gates) {
      String type = Trees.string(gate, "conditionType");
      for (ObjectNode condition : Trees.objects(Trees.object(pod, "status"), "conditions")) {
        if (Trees.string(condition, "type").equals(type)) {
          if (Trees.string(condition, "status").equals("True")) {
            trueConditions++;
          }
          break;
        }
      }
    }
    return trueConditions + "/" + gates.size();
  }

  // ---- services ----

  /** {@code PORT(S)}: {@code 80/TCP}, {@code 80:30080/TCP} with a node port, comma-separated. */
  static String ports(@Nullable ObjectNode spec) {
    List<String> pieces = new ArrayList<>();
    for (ObjectNode port : Trees.objects(spec, "ports")) {
      long nodePort = Trees.integer(port, "nodePort");
      String protocol = Trees.string(port, "protocol");
      long number = Trees.integer(port, "port");
      pieces.add(nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol);
    }
    return String.join(",", pieces);
  }

  /**
   * {@code EXTERNAL-IP}: external IPs, load balancer ingress or {@code <pending>}, or the CNAME.
   */
  static String externalIp(Unstructured service) {
    ObjectNode spec = Trees.object(service, "spec");
    List<String> externalIps = Trees.strings(spec, "externalIPs");
    switch (Trees.string(spec, "type")) {
      case "ClusterIP", "NodePort" -> {
        return externalIps.isEmpty() ? "<none>" : String.join(",", externalIps);
      }
      case "LoadBalancer" -> {
        TreeSet<String> ingress = new TreeSet<>();
        for (ObjectNode entry :
            Trees.objects(Trees.object(service, "status", "loadBalancer"), "ingress")) {
          String ip = Trees.string(entry, "ip");
          String host = Trees.string(entry, "hostname");
          if (!ip.isEmpty()) {
            ingress.add(ip);
          } else if (!host.isEmpty()) {
            ingress.add(host);
          }
        }
        List<String> all = new ArrayList<>(ingress);
        all.addAll(externalIps);
        return all.isEmpty() ? "<pending>" : String.join(",", all);
      }
      case "ExternalName" -> {
        return Trees.string(spec, "externalName");
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  /** {@code k=v,k2=v2} in key order, {@code <none>} if empty (upstream's {@code FormatLabels}). */
  static String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "<none>";
    }
    return labels.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  // ---- events ----

  /** The first and last seen ages of an event. */
  private String[] eventTimes(Unstructured event) {
    ObjectNode root = event.object();
    Instant now = clock.instant();
    Instant firstTime = Trees.time(root, "firstTimestamp");
    String first =
        HumanDuration.since(firstTime != null ? firstTime : Trees.time(root, "eventTime"), now);
    Instant lastTime = Trees.time(root, "lastTimestamp");
    String last = lastTime != null ? HumanDuration.since(lastTime, now) : first;
    ObjectNode series = Trees.object(root, "series");
    if (series != null) {
      last = HumanDuration.since(Trees.time(series, "lastObservedTime"), now);
    }
    return new String[] {first, last};
  }

  private static long eventCount(Unstructured event) {
    ObjectNode series = Trees.object(event.object(), "series");
    if (series != null) {
      return Trees.integer(series, "count");
    }
    long count = Trees.integer(event.object(), "count");
    return count == 0 ? 1 : count;
  }

  private static String eventObject(Unstructured event) {
    ObjectNode involved = Trees.object(event.object(), "involvedObject");
    String kind = Trees.string(involved, "kind").toLowerCase(Locale.ROOT);
    String name = Trees.string(involved, "name");
    return name.isEmpty() ? kind : kind + "/" + name;
  }

  private static String eventSource(Unstructured event) {
    ObjectNode root = event.object();
    ObjectNode source = Trees.object(root, "source");
    String component =
        firstNonEmpty(Trees.string(source, "component"), Trees.string(root, "reportingComponent"));
    String instance =
        firstNonEmpty(Trees.string(source, "host"), Trees.string(root, "reportingInstance"));
    return instance.isEmpty() ? component : component + ", " + instance;
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }

  private static String orNone(@Nullable String value) {
    return value == null || value.isEmpty() ? "<none>" : value;
  }

  private static @Nullable String first(List<String> values) {
    return values.isEmpty() ? null : values.get(0);
  }
}
