package io.kapi.restcontainer;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of a container's web services: the registration-ordered list plus a map
 * from root path to web service for longest-root-path look-ups. A container swaps whole snapshots,
 * so readers never lock.
 */
final class WebServiceTable {

  static final WebServiceTable EMPTY = new WebServiceTable(ImmutableList.of());

  private final ImmutableList<WebService> webServices;
  private final ImmutableMap<String, WebService> byRootPath;
  private final int maxRootDepth;

  private WebServiceTable(ImmutableList<WebService> webServices) {
    this.webServices = webServices;
    ImmutableMap.Builder<String, WebService> byRootPath = ImmutableMap.builder();
    int maxRootDepth = 0;
    for (WebService webService : webServices) {
      byRootPath.put(webService.rootPath(), webService);
      maxRootDepth = Math.max(maxRootDepth, webService.rootDepth());
    }
    this.byRootPath = byRootPath.buildOrThrow();
    this.maxRootDepth = maxRootDepth;
  }

  ImmutableList<WebService> webServices() {
    return webServices;
  }

  @Nullable WebService get(String rootPath) {
    return byRootPath.get(rootPath);
  }

  /** A table with {@code webService} appended; the caller has checked its root path is new. */
  WebServiceTable with(WebService webService) {
    return new WebServiceTable(
        ImmutableList.<WebService>builderWithExpectedSize(webServices.size() + 1)
            .addAll(webServices)
            .add(webService)
            .build());
  }

  /** A table without the web service rooted at {@code rootPath}. */
  WebServiceTable without(String rootPath) {
    ImmutableList.Builder<WebService> remaining = ImmutableList.builder();
    for (WebService webService : webServices) {
      if (!webService.rootPath().equals(rootPath)) {
        remaining.add(webService);
      }
    }
    return new WebServiceTable(remaining.build());
  }

  /**
   * The web service with the longest root path that is a whole-segment prefix of
   * {@code segments}, or null.
   */
  @Nullable WebService find(String[] segments) {
    int depth = Math.min(segments.length, maxRootDepth);
    if (depth > 0) {
      StringBuilder prefix = new StringBuilder();
      int[] ends = new int[depth];
      for (int i = 0; i < depth; i++) {
        prefix.append('/').append(segments[i]);
        ends[i] = prefix.length();
      }
      String longest = prefix.toString();
      for (int d = depth; d >= 1; d--) {
        WebService webService =
            byRootPath.get(d == depth ? longest : longest.substring(0, ends[d - 1]));
        if (webService != null) {
          return webService;
        }
      }
    }
    return byRootPath.get("/");
  }
}
