/**
 * The first-start security bootstrap of the sample API server: a self-signed CA, a serving
 * certificate, an admin client certificate and bearer token, all kept in the data directory, plus
 * the {@code SSLContext} for Undertow and the admin kubeconfig.
 *
 * <p>Start with {@link io.kapi.sample.bootstrap.SecurityBootstrap#prepare}; the file layout is
 * {@link io.kapi.sample.bootstrap.SecurityFiles}.
 */
@NullMarked
package io.kapi.sample.bootstrap;

import org.jspecify.annotations.NullMarked;
