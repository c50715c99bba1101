package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static io.kapi.server.core.v1.Objects.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.unstructured.Unstructured;
import org.junit.jupiter.api.Test;

class ServiceStrategyTest {
  private final ServiceStrategy strategy = new ServiceStrategy();

  private Unstructured created(String singleQuotedJson) {
    Unstructured service = json(singleQuotedJson);
    strategy.prepareForCreate(service);
    return service;
  }

  private static String web(String spec) {
    return "{'apiVersion':'v1','kind':'Service','metadata':{'name':'web','namespace':'default',"
        + "'generation':1},'spec':"
        + spec
        + "}";
  }

  @Test
  void newServiceGetsDefaultsAndAClusterIpInTheServiceRange() {
    Unstructured service =
        created(web("{'selector':{'app':'web'},'ports':[{'port':80},{'name':'x','port':443}]}"));

    String ip = service.getNestedString("spec", "clusterIP");
    assertThat(ServiceAddresses.inRange(ip)).isTrue();
    assertThat(ip).isNotIn("10.96.0.0", "10.96.0.1", "10.96.0.10");
    assertThat(service.getNested("spec", "clusterIPs").get(0).stringValue()).isEqualTo(ip);
    assertThat(service.getNestedString("spec", "type")).isEqualTo("ClusterIP");
    assertThat(service.getNestedString("spec", "sessionAffinity")).isEqualTo("None");
    assertThat(service.getNestedString("spec", "ipFamilyPolicy")).isEqualTo("SingleStack");
    assertThat(service.getNested("spec", "ipFamilies").get(0).stringValue()).isEqualTo("IPv4");
    assertThat(service.getNestedString("spec", "internalTrafficPolicy")).isEqualTo("Cluster");
    assertThat(service.getNested("spec", "ports").get(0).get("protocol").stringValue())
        .isEqualTo("TCP");
    assertThat(service.getNested("spec", "ports").get(1).get("targetPort").intValue())
        .isEqualTo(443);
    assertThat(service.getNested("status").toString()).isEqualTo("{\"loadBalancer\":{}}");
    assertThat(service.getGeneration()).isZero();
    assertThat(texts(strategy.validate(service)))
        .containsExactly("spec.ports[0].name: Required value");
  }

  @Test
  void clusterIpIsDeterministicPerService() {
    assertThat(ServiceAddresses.clusterIp("default", "web"))
        .isEqualTo(ServiceAddresses.clusterIp("default", "web"))
        .isNotEqualTo(ServiceAddresses.clusterIp("default", "api"));
  }

  @Test
  void nodePortsAreAllocatedForNodePortServices() {
    Unstructured service =
        created(web("{'type':'NodePort','ports':[{'name':'a','port':80},{'name':'b','port':81}]}"));

    long first = service.getNested("spec", "ports").get(0).get("nodePort").longValue();
    long second = service.getNested("spec", "ports").get(1).get("nodePort").longValue();
    assertThat(first).isBetween(30000L, 32767L);
    assertThat(second).isBetween(30000L, 32767L).isNotEqualTo(first);
    assertThat(service.getNestedString("spec", "externalTrafficPolicy")).isEqualTo("Cluster");
    assertThat(strategy.validate(service)).isEmpty();
  }

  @Test
  void headlessServicesKeepNone() {
    Unstructured service = created(web("{'clusterIP':'None','ports':[{'port':80}]}"));

    assertThat(service.getNested("spec", "clusterIPs").get(0).stringValue()).isEqualTo("None");
    assertThat(service.getNestedString("spec", "ipFamilyPolicy")).isEqualTo("RequireDualStack");
    assertThat(strategy.validate(service)).isEmpty();
  }

  @Test
  void portsAreRequiredUnlessHeadlessOrExternalName() {
    assertThat(texts(strategy.validate(created(web("{}")))))
        .containsExactly("spec.ports: Required value");
    assertThat(strategy.validate(created(web("{'clusterIP':'None'}")))).isEmpty();
    assertThat(
            strategy.validate(created(web("{'type':'ExternalName','externalName':'example.com'}"))))
        .isEmpty();
  }

  @Test
  void portRulesUseUpstreamTexts() {
    Unstructured service =
        created(
            web(
                "{'ports':[{'name':'http','port':0,'protocol':'HTTP'},"
                    + "{'name':'http','port':80,'targetPort':'Web_Port'},"
                    + "{'name':'b','port':80}]}"));

    assertThat(texts(strategy.validate(service)))
        .containsExactly(
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\","
                + " \"TCP\", \"UDP\"",
            "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[1].name: Duplicate value: \"http\"",
            "spec.ports[1].targetPort: Invalid value: \"Web_Port\": must contain only"
                + " alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            "spec.ports[2]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\","
                + " AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0,"
                + " IntVal:0, StrVal:\"\"}, NodePort:0}");
  }

  @Test
  void typeAndAffinityAreEnums() {
    Unstructured service =
        created(web("{'type':'Internal','sessionAffinity':'Sticky','ports':[{'port':80}]}"));

    assertThat(texts(strategy.validate(service)))
        .containsExactly(
            "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\","
                + " \"None\"",
            "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\","
                + " \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
  }

  @Test
  void loadBalancersCannotBeHeadless() {
    Unstructured service =
        created(web("{'type':'LoadBalancer','clusterIP':'None','ports':[{'port':80}]}"));

    assertThat(texts(strategy.validate(service)))
        .containsExactly(
            "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for"
                + " LoadBalancer services");
  }

  @Test
  void clusterIpOutsideTheRangeCannotBeAllocated() {
    Unstructured service = created(web("{'clusterIP':'1.1.1.1','ports':[{'port':80}]}"));

    assertThat(texts(strategy.validate(service)))
        .containsExactly(
            "spec.clusterIPs: Invalid value: []string{\"1.1.1.1\"}: failed to allocate IP 1.1.1.1:"
                + " the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is"
                + " 10.96.0.0/12");
  }

  @Test
  void malformedClusterIpIsReportedAlone() {
    Unstructured service = created(web("{'clusterIP':'10.96.0.999','ports':[]}"));

    assertThat(texts(strategy.validate(service)))
        .containsExactly(
            "spec.clusterIPs[0]: Invalid value: \"10.96.0.999\": must be a valid IP address, (e.g."
                + " 10.9.8.7 or 2001:db8::ffff)");
  }

  @Test
  void serviceNamesMustStartWithALetter() {
    Unstructured service =
        created(
            "{'metadata':{'name':'1web','namespace':'default'},'spec':{'ports':[{'port':80}]}}");

    assertThat(texts(strategy.validate(service)))
        .containsExactly(
            "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case"
                + " alphanumeric characters or '-', start with an alphabetic character, and end"
                + " with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for"
                + " validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void updatesKeepAllocatedValuesTheClientLeftOut() {
    Unstructured old = created(web("{'type':'NodePort','ports':[{'name':'http','port':80}]}"));
    Unstructured update =
        json(web("{'type':'NodePort','ports':[{'name':'http','port':80}],'selector':{'a':'b'}}"));
    strategy.prepareForUpdate(update, old);

    assertThat(update.getNestedString("spec", "clusterIP"))
        .isEqualTo(old.getNestedString("spec", "clusterIP"));
    assertThat(update.getNested("spec", "ports").get(0).get("nodePort"))
        .isEqualTo(old.getNested("spec", "ports").get(0).get("nodePort"));
    assertThat(strategy.validateUpdate(update, old)).isEmpty();
  }

  @Test
  void clusterIpMayNotChange() {
    Unstructured old = created(web("{'ports':[{'port':80}]}"));
    Unstructured update = json(web("{'clusterIP':'10.100.0.5','ports':[{'port':80}]}"));
    strategy.prepareForUpdate(update, old);

    assertThat(texts(strategy.validateUpdate(update, old)))
        .containsExactly(
            "spec.clusterIPs[0]: Invalid value: []string{\"10.100.0.5\"}: may not change once set");
  }

  @Test
  void changingToClusterIpDropsNodePorts() {
    Unstructured old = created(web("{'type':'NodePort','ports':[{'port':80}]}"));
    Unstructured update = old.deepCopy();
    update.setNested(Trees.NODES.stringNode("ClusterIP"), "spec", "type");
    strategy.prepareForUpdate(update, old);

    assertThat(update.getNested("spec", "ports").get(0).has("nodePort")).isFalse();
    assertThat(update.getNested("spec", "externalTrafficPolicy")).isNull();
    assertThat(strategy.validateUpdate(update, old)).isEmpty();
  }

  @Test
  void statusUpdatesNeedValidIngressIps() {
    Unstructured old = created(web("{'type':'LoadBalancer','ports':[{'port':80}]}"));
    Unstructured status = old.deepCopy();
    status.setNested(json("{'ingress':[{'ip':'example'}]}").object(), "status", "loadBalancer");

    assertThat(texts(strategy.validateStatusUpdate(status, old)))
        .containsExactly(
            "status.loadBalancer.ingress[0].ip: Invalid value: \"example\": must be a valid IP"
                + " address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  }
}
