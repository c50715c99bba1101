package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.TableColumn;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreTablesTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private final CoreTables tables = new CoreTables(Clock.fixed(NOW, ZoneOffset.UTC));

  private static List<Object> cells(TableColumn[] columns, Unstructured object) {
    return Arrays.stream(columns).map(c -> c.cell().apply(object)).toList();
  }

  @Test
  void runningPodWithOneOfTwoContainersReady() {
    Unstructured pod =
        json(
            "{'metadata':{'name':'web','creationTimestamp':'2024-05-01T11:55:00Z'},"
                + "'spec':{'nodeName':'node-1','containers':[{'name':'a'},{'name':'b'}]},"
                + "'status':{'phase':'Running','podIPs':[{'ip':'10.244.0.5'}],"
                + "'containerStatuses':["
                + "{'name':'a','ready':true,'restartCount':1,'state':{'running':{}}},"
                + "{'name':'b','ready':false,'restartCount':2,'state':{'running':{}}}]}}");

    assertThat(cells(tables.pods(), pod))
        .containsExactly("1/2", "Running", "3", "5m", "10.244.0.5", "node-1", "<none>", "<none>");
  }

  @Test
  void restartsShowWhenTheLastOneHappened() {
    Unstructured pod =
        json(
            "{'metadata':{'name':'web','creationTimestamp':'2024-05-01T10:00:00Z'},"
                + "'spec':{'containers':[{'name':'a'}]},"
                + "'status':{'phase':'Running','containerStatuses':["
                + "{'name':'a','ready':true,'restartCount':3,'state':{'running':{}},"
                + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'2024-05-01T11:50:00Z'}}}]}}");

    assertThat(cells(tables.pods(), pod)).startsWith("1/1", "Running", "3 (10m ago)", "120m");
  }

  @Test
  void waitingAndInitializingPodsShowTheirReason() {
    Unstructured crashing =
        json(
            "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a'}]},"
                + "'status':{'phase':'Running','containerStatuses':[{'name':'a','restartCount':5,"
                + "'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}");
    Unstructured initializing =
        json(
            "{'metadata':{'name':'p'},'spec':{'initContainers':[{'name':'i'},{'name':'j'}],"
                + "'containers':[{'name':'a'}]},'status':{'phase':'Pending',"
                + "'initContainerStatuses':[{'name':'i','state':{'terminated':{'exitCode':0}}},"
                + "{'name':'j','state':{'running':{}}}]}}");
    Unstructured fresh =
        json(
            "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Pending'}}");

    assertThat(CoreTables.podStatus(crashing)).isEqualTo("CrashLoopBackOff");
    assertThat(CoreTables.podStatus(initializing)).isEqualTo("Init:1/2");
    assertThat(CoreTables.podReady(initializing)).isEqualTo("0/1");
    assertThat(CoreTables.podStatus(fresh)).isEqualTo("Pending");
    assertThat(cells(tables.pods(), fresh).get(3)).isEqualTo("<unknown>");
  }

  @Test
  void deletedPodsAreTerminating() {
    Unstructured pod =
        json(
            "{'metadata':{'name':'p','deletionTimestamp':'2024-05-01T11:59:00Z'},"
                + "'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Running'}}");

    assertThat(CoreTables.podStatus(pod)).isEqualTo("Terminating");
  }

  @Test
  void serviceCellsAsKubectlShowsThem() {
    Unstructured clusterIp =
        json(
            "{'metadata':{'name':'web','creationTimestamp':'2024-04-29T12:00:00Z'},"
                + "'spec':{'type':'ClusterIP','clusterIP':'10.96.12.7','clusterIPs':['10.96.12.7'],"
                + "'selector':{'tier':'front','app':'web'},"
                + "'ports':[{'port':80,'protocol':'TCP'},{'port':443,'protocol':'TCP'}]}}");
    Unstructured nodePort =
        json(
            "{'metadata':{'name':'np'},'spec':{'type':'NodePort','clusterIPs':['10.96.0.20'],"
                + "'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'}]}}");
    Unstructured pendingLb =
        json("{'metadata':{'name':'lb'},'spec':{'type':'LoadBalancer','ports':[]}}");
    Unstructured readyLb =
        json(
            "{'metadata':{'name':'lb'},'spec':{'type':'LoadBalancer','externalIPs':['1.2.3.4']},"
                + "'status':{'loadBalancer':{'ingress':[{'hostname':'lb.example.com'},"
                + "{'ip':'5.6.7.8'}]}}}");
    Unstructured externalName =
        json(
            "{'metadata':{'name':'x'},'spec':{'type':'ExternalName','externalName':'db.example.com'}}");

    assertThat(cells(tables.services(), clusterIp))
        .containsExactly(
            "ClusterIP", "10.96.12.7", "<none>", "80/TCP,443/TCP", "2d", "app=web,tier=front");
    assertThat(cells(tables.services(), nodePort))
        .containsExactly("NodePort", "10.96.0.20", "<none>", "80:30080/TCP", "<unknown>", "<none>");
    assertThat(CoreTables.externalIp(pendingLb)).isEqualTo("<pending>");
    assertThat(CoreTables.externalIp(readyLb)).isEqualTo("5.6.7.8,lb.example.com,1.2.3.4");
    assertThat(cells(tables.services(), externalName))
        .containsExactly(
            "ExternalName", "<none>", "db.example.com", "<none>", "<unknown>", "<none>");
  }

  @Test
  void dataCountsAndPhases() {
    Unstructured configMap =
        json("{'metadata':{'name':'c'},'data':{'a':'1','b':'2'},'binaryData':{'c':'AA=='}}");
    Unstructured secret =
        json(
            "{'metadata':{'name':'s'},'type':'kubernetes.io/tls','data':{'tls.crt':'','tls.key':''}}");
    Unstructured namespace =
        json(
            "{'metadata':{'name':'n','creationTimestamp':'2024-05-01T11:59:30Z'},'status':{'phase':'Terminating'}}");
    Unstructured account = json("{'metadata':{'name':'default'}}");

    assertThat(cells(tables.configMaps(), configMap)).containsExactly(3L, "<unknown>");
    assertThat(cells(tables.secrets(), secret))
        .containsExactly("kubernetes.io/tls", 2L, "<unknown>");
    assertThat(cells(tables.namespaces(), namespace)).containsExactly("Terminating", "30s");
    assertThat(cells(tables.serviceAccounts(), account)).containsExactly(0L, "<unknown>");
  }

  @Test
  void eventCellsAsKubectlShowsThem() {
    Unstructured event =
        json(
            "{'metadata':{'name':'web.17a'},'type':'Warning','reason':'BackOff','message':'Back-off"
                + " restarting failed container\\n"
                + "','involvedObject':{'kind':'Pod','name':'web','fieldPath':'spec.containers{a}'},"
                + "'source':{'component':'kubelet','host':'node-1'},'count':4,"
                + "'firstTimestamp':'2024-05-01T11:00:00Z','lastTimestamp':'2024-05-01T11:58:00Z'}");
    Unstructured newStyle =
        json(
            "{'metadata':{'name':'e'},'type':'Normal','reason':'Scheduled','message':'ok',"
                + "'involvedObject':{'kind':'Pod','name':'web'},'reportingComponent':'scheduler',"
                + "'eventTime':'2024-05-01T11:59:50.123456Z'}");

    assertThat(cells(tables.events(), event))
        .containsExactly(
            "2m",
            "Warning",
            "BackOff",
            "pod/web",
            "spec.containers{a}",
            "kubelet, node-1",
            "Back-off restarting failed container",
            "60m",
            4L);
    assertThat(cells(tables.events(), newStyle))
        .containsExactly("9s", "Normal", "Scheduled", "pod/web", "", "scheduler", "ok", "9s", 1L);
  }

  @Test
  void agesReadLikeKubectls() {
    assertThat(HumanDuration.format(java.time.Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(HumanDuration.format(java.time.Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(HumanDuration.format(java.time.Duration.ofSeconds(310))).isEqualTo("5m10s");
    assertThat(HumanDuration.format(java.time.Duration.ofMinutes(125))).isEqualTo("125m");
    assertThat(HumanDuration.format(java.time.Duration.ofMinutes(190))).isEqualTo("3h10m");
    assertThat(HumanDuration.format(java.time.Duration.ofHours(30))).isEqualTo("30h");
    assertThat(HumanDuration.format(java.time.Duration.ofHours(53))).isEqualTo("2d5h");
    assertThat(HumanDuration.format(java.time.Duration.ofDays(40))).isEqualTo("40d");
    assertThat(HumanDuration.format(java.time.Duration.ofDays(385))).isEqualTo("385d");
    assertThat(HumanDuration.format(java.time.Duration.ofDays(750))).isEqualTo("2y20d");
    assertThat(HumanDuration.format(java.time.Duration.ofDays(365 * 9))).isEqualTo("9y");
    assertThat(HumanDuration.format(java.time.Duration.ofSeconds(-5))).isEqualTo("<invalid>");
  }
}
