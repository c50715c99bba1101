package io.kapi.server.discovery;

import io.kapi.api.codec.MediaType;
import io.kapi.api.codec.MediaTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides, from an {@code Accept} header, whether {@code /api} or {@code /apis} answers aggregated
 * discovery, as upstream's discovery wrapper does ({@code NegotiateMediaTypeOptions} with the
 * discovery endpoint restrictions): the clauses are tried in {@code goautoneg} order (higher {@code
 * q}, then concrete before {@code *}); a clause counts only if it names a type the server writes
 * (JSON or YAML) and asks for {@code g=apidiscovery.k8s.io}, {@code v=v2} or {@code v2beta1},
 * {@code as=APIGroupDiscoveryList}. A plain {@code application/json} clause never selects the
 * aggregated document, so a client that does not ask for it gets the legacy one.
 */
final class DiscoveryNegotiation {
  static final String KIND = "APIGroupDiscoveryList";
  static final String V2 = "v2";
  static final String V2BETA1 = "v2beta1";

  private static final Comparator<MediaType> PREFERENCE =
      Comparator.comparingDouble(MediaType::quality)
          .reversed()
          .thenComparing(m -> m.type().equals("*"))
          .thenComparing(m -> m.subtype().equals("*"));

  /** The serializers discovery can answer with, in upstream's order. */
  private enum Serializer {
    JSON("application", "json", true),
    YAML("application", "yaml", false);

    final String type;
    final String subtype;
    final boolean streams;

    Serializer(String type, String subtype, boolean streams) {
      this.type = type;
      this.subtype = subtype;
      this.streams = streams;
    }

    String essence() {
      return type + "/" + subtype;
    }
  }

  /**
   * The aggregated representation to answer with.
   *
   * @param essence {@code application/json} or {@code application/yaml}
   * @param version {@code v2} or {@code v2beta1}
   * @param pretty whether the clause asked for {@code pretty=1}
   */
  record Choice(String essence, String version, boolean pretty) {
    /** The response {@code Content-Type}, e.g. {@code application/json;g=...;v=v2;as=...}. */
    String contentType() {
      return essence + ";g=" + MediaTypes.DISCOVERY_GROUP + ";v=" + version + ";as=" + KIND;
    }
  }

  private DiscoveryNegotiation() {}

  /** The aggregated representation {@code accept} asks for, or empty for the legacy document. */
  static Optional<Choice> negotiate(@Nullable String accept) {
    if (accept == null || accept.isBlank()) {
      return Optional.empty();
    }
    List<MediaType> clauses = new ArrayList<>(MediaType.parseList(accept));
    clauses.sort(PREFERENCE);
    for (MediaType clause : clauses) {
      for (Serializer serializer : Serializer.values()) {
        boolean matches =
            (clause.type().equals(serializer.type)
                    && (clause.subtype().equals(serializer.subtype)
                        || clause.subtype().equals("*")))
                || (clause.type().equals("*") && clause.subtype().equals("*"));
        if (matches) {
          Choice choice = choice(clause, serializer);
          if (choice != null) {
            return Optional.of(choice);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static @Nullable Choice choice(MediaType clause, Serializer serializer) {
    String group = null;
    String version = null;
    String kind = null;
    boolean pretty = false;
    for (Map.Entry<String, String> p : clause.parameters().entrySet()) {
      String value = p.getValue();
      switch (p.getKey()) {
        case "g" -> group = value;
        case "v" -> version = value;
        case "as" -> kind = value;
        case "stream" -> {
          if (!value.isEmpty() && !(serializer.streams && value.equals("watch"))) {
            return null;
          }
        }
        case "sv" -> {
          if (!value.isEmpty()) {
            return null;
          }
        }
        case "pretty" -> pretty = value.equals("1");
        default -> {
          // q, profile and unrecognized parameters do not matter here
        }
      }
    }
    boolean aggregated =
        MediaTypes.DISCOVERY_GROUP.equals(group)
            && KIND.equals(kind)
            && (V2.equals(version) || V2BETA1.equals(version));
    return aggregated ? new Choice(serializer.essence(), version, pretty) : null;
  }
}
