package io.kapi.pathrecorder;

import static io.kapi.pathrecorder.TestHandlers.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.pathrecorder.PathRecorderMux.Match;
import io.kapi.pathrecorder.PathRecorderMux.Match.Kind;
import io.undertow.server.HttpHandler;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PathRecorderMuxTest {
  private final PathRecorderMux mux = new PathRecorderMux("test");

  private final HttpHandler exact = named("exact");
  private final HttpHandler exactSlash = named("exactSlash");
  private final HttpHandler prefix = named("prefix");
  private final HttpHandler other = named("other");

  @Test
  void exactPathMatchesOnlyItself() {
    mux.handle("/healthz", exact);

    assertThat(mux.match("/healthz")).isEqualTo(new Match(Kind.EXACT, "/healthz", exact));
    assertThat(mux.match("/healthz/").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(mux.match("/healthz/ping").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(mux.match("/health").kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void exactPathWithTrailingSlashDoesNotMatchPathWithout() {
    mux.handle("/otherPublic/exactmatchslash/", exactSlash);

    assertThat(mux.match("/otherPublic/exactmatchslash").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(mux.match("/otherPublic/exactmatchslash/").handler()).isSameAs(exactSlash);
  }

  @Test
  void prefixMatchesItselfAndEverythingBelowButNotThePathWithoutSlash() {
    mux.handlePrefix("/publicPrefix/", prefix);

    assertThat(mux.match("/publicPrefix/"))
        .isEqualTo(new Match(Kind.PREFIX, "/publicPrefix/", prefix));
    assertThat(mux.match("/publicPrefix/a/b/c").handler()).isSameAs(prefix);
    assertThat(mux.match("/publicPrefix").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(mux.match("/publicPrefixes/a").kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void exactMatchWinsOverPrefix() {
    mux.handlePrefix("/publicPrefix/", prefix);
    mux.handle("/publicPrefix/exactmatch", exact);

    assertThat(mux.match("/publicPrefix/exactmatch"))
        .isEqualTo(new Match(Kind.EXACT, "/publicPrefix/exactmatch", exact));
    assertThat(mux.match("/publicPrefix/exactmatch/").handler()).isSameAs(prefix);
    assertThat(mux.match("/publicPrefix/exactmatchx").handler()).isSameAs(prefix);
  }

  @Test
  void exactMatchWinsOverPrefixRegisteredForTheSamePath() {
    mux.handlePrefix("/same/", prefix);
    mux.handle("/same/", exact);

    assertThat(mux.match("/same/").kind()).isEqualTo(Kind.EXACT);
    assertThat(mux.match("/same/x").kind()).isEqualTo(Kind.PREFIX);
  }

  @Test
  void mostSpecificPrefixWinsRegardlessOfRegistrationOrder() {
    HttpHandler root = named("root");
    HttpHandler apis = named("apis");
    HttpHandler group = named("group");
    mux.handlePrefix("/apis/example.com/", group);
    mux.handlePrefix("/", root);
    mux.handlePrefix("/apis/", apis);

    assertThat(mux.match("/apis/example.com/v1/foos"))
        .isEqualTo(new Match(Kind.PREFIX, "/apis/example.com/", group));
    assertThat(mux.match("/apis/example.com/").handler()).isSameAs(group);
    assertThat(mux.match("/apis/example.com").handler()).isSameAs(apis);
    assertThat(mux.match("/apis/other/v1").handler()).isSameAs(apis);
    assertThat(mux.match("/apis").handler()).isSameAs(root);
    assertThat(mux.match("/").handler()).isSameAs(root);
    assertThat(mux.match("/x").handler()).isSameAs(root);
    assertThat(mux.match("").kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void prefixesWithEqualHashCodesAreToldApart() {
    // "Aa" and "BB" have the same String.hashCode(), so these prefixes collide in the table.
    HttpHandler aa = named("aa");
    HttpHandler bb = named("bb");
    assertThat("/Aa/".hashCode()).isEqualTo("/BB/".hashCode());
    mux.handlePrefix("/Aa/", aa);
    mux.handlePrefix("/BB/", bb);

    assertThat(mux.match("/Aa/x").handler()).isSameAs(aa);
    assertThat(mux.match("/BB/x").handler()).isSameAs(bb);
    assertThat(mux.match("/AaBB/x").kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void longPrefixesMatch() {
    String longPrefix = "/" + "a".repeat(70) + "/" + "b".repeat(60) + "/";
    String shorter = "/" + "a".repeat(70) + "/";
    mux.handlePrefix(longPrefix, prefix);
    mux.handlePrefix(shorter, other);

    assertThat(mux.match(longPrefix + "c").handler()).isSameAs(prefix);
    assertThat(mux.match(shorter + "b").handler()).isSameAs(other);
    assertThat(mux.match(longPrefix.substring(0, longPrefix.length() - 1)).handler())
        .isSameAs(other);
  }

  @Test
  void queryLikeCharactersArePartOfThePath() {
    mux.handle("/a", exact);

    assertThat(mux.match("/a?b=c").kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void unmatchedPathGoesToNotFoundHandler() {
    mux.handle("/a", exact);
    HttpHandler notFound = named("notFound");

    assertThat(mux.match("/b"))
        .isEqualTo(new Match(Kind.NOT_FOUND, "", DefaultNotFoundHandler.INSTANCE));
    mux.notFoundHandler(notFound);
    assertThat(mux.match("/b")).isEqualTo(new Match(Kind.NOT_FOUND, "", notFound));
    assertThat(mux.match("/a").handler()).isSameAs(exact);
  }

  @Test
  void matchOnAHitReturnsTheSamePrebuiltInstance() {
    mux.handle("/a", exact);
    mux.handlePrefix("/p/", prefix);

    assertThat(mux.match("/a")).isSameAs(mux.match(new String("/a")));
    assertThat(mux.match("/p/1")).isSameAs(mux.match("/p/2"));
    assertThat(mux.match("/x")).isSameAs(mux.match("/y"));
  }

  @Test
  void listedPathsAreSortedAndContainOnlyListedRegistrations() {
    mux.handle("/z", exact);
    mux.handlePrefix("/m/", prefix);
    mux.handle("/a", exact);
    mux.unlistedHandle("/hidden", exact);
    mux.unlistedHandlePrefix("/hiddenPrefix/", prefix);

    assertThat(mux.listedPaths()).containsExactly("/a", "/m/", "/z");
    assertThat(mux.match("/hidden").handler()).isSameAs(exact);
    assertThat(mux.match("/hiddenPrefix/x").handler()).isSameAs(prefix);
  }

  @Test
  void listedPathsAreACopy() {
    mux.handle("/a", exact);
    List<String> before = mux.listedPaths();
    mux.handle("/b", exact);

    assertThat(before).containsExactly("/a");
    assertThat(mux.listedPaths()).containsExactly("/a", "/b");
  }

  @Test
  void duplicateRegistrationOverwritesHandlerAndListsPathTwice() {
    mux.handle("/dup", exact);
    mux.handle("/dup", other);
    mux.handlePrefix("/dupPrefix/", prefix);
    mux.handlePrefix("/dupPrefix/", other);

    assertThat(mux.match("/dup").handler()).isSameAs(other);
    assertThat(mux.match("/dupPrefix/x").handler()).isSameAs(other);
    assertThat(mux.listedPaths()).containsExactly("/dup", "/dup", "/dupPrefix/", "/dupPrefix/");
  }

  @Test
  void unlistedDuplicateRegistrationOverwritesWithoutListing() {
    mux.unlistedHandle("/dup", exact);
    mux.unlistedHandle("/dup", other);
    mux.unlistedHandlePrefix("/dupPrefix/", prefix);
    mux.unlistedHandlePrefix("/dupPrefix/", other);

    assertThat(mux.match("/dup").handler()).isSameAs(other);
    assertThat(mux.match("/dupPrefix/x").handler()).isSameAs(other);
    assertThat(mux.listedPaths()).isEmpty();
  }

  @Test
  void unregisterRemovesExactPath() {
    mux.handle("/a", exact);
    mux.handle("/b", other);

    mux.unregister("/a");

    assertThat(mux.match("/a").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(mux.match("/b").handler()).isSameAs(other);
    assertThat(mux.listedPaths()).containsExactly("/b");
  }

  @Test
  void unregisterRemovesPrefix() {
    mux.handlePrefix("/p/", prefix);
    mux.handlePrefix("/p/q/", other);

    mux.unregister("/p/q/");

    assertThat(mux.match("/p/q/x").handler()).isSameAs(prefix);
    assertThat(mux.listedPaths()).containsExactly("/p/");
  }

  @Test
  void unregisterRemovesBothExactAndPrefixRegistrationsOfThePath() {
    mux.handle("/both/", exact);
    mux.unlistedHandlePrefix("/both/", prefix);

    mux.unregister("/both/");

    assertThat(mux.match("/both/").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(mux.match("/both/x").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(mux.listedPaths()).isEmpty();
  }

  @Test
  void unregisterRemovesOnlyTheFirstListedEntry() {
    mux.handle("/dup", exact);
    mux.handle("/dup", other);

    mux.unregister("/dup");

    assertThat(mux.match("/dup").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(mux.listedPaths()).containsExactly("/dup");
  }

  @Test
  void unregisterOfUnknownPathChangesNothing() {
    mux.handle("/a", exact);

    mux.unregister("/unknown");

    assertThat(mux.match("/a").handler()).isSameAs(exact);
    assertThat(mux.listedPaths()).containsExactly("/a");
  }

  @Test
  void pathCanBeRegisteredAgainAfterUnregister() {
    mux.handlePrefix("/p/", prefix);
    mux.unregister("/p/");
    mux.handlePrefix("/p/", other);

    assertThat(mux.match("/p/x").handler()).isSameAs(other);
    assertThat(mux.listedPaths()).containsExactly("/p/");
  }

  @Test
  void handlePrefixRejectsPrefixWithoutTrailingSlashBeforeChangingState() {
    assertThatThrownBy(() -> mux.handlePrefix("/noslash", prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"/noslash\" must end in a trailing slash");
    assertThatThrownBy(() -> mux.unlistedHandlePrefix("/noslash", prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"/noslash\" must end in a trailing slash");
    assertThatThrownBy(() -> mux.handlePrefix("", prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"\" must end in a trailing slash");

    assertThat(mux.listedPaths()).isEmpty();
    assertThat(mux.match("/noslash").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(mux.match("/noslash/x").kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void nullArgumentsAreRejected() {
    assertThatThrownBy(() -> new PathRecorderMux(nullString()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> mux.handle("/a", nullHandler()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> mux.handlePrefix("/a/", nullHandler()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> mux.notFoundHandler(nullHandler()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> mux.match(nullString())).isInstanceOf(NullPointerException.class);
    assertThat(mux.listedPaths()).isEmpty();
  }

  @Test
  void nameIsKept() {
    assertThat(new PathRecorderMux("kube-aggregator").name()).isEqualTo("kube-aggregator");
  }

  private static @Nullable String nullString() {
    return null;
  }

  private static @Nullable HttpHandler nullHandler() {
    return null;
  }
}
