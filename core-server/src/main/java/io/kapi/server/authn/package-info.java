/**
 * Request authentication: who is making this request?
 *
 * <p>Start with {@link io.kapi.server.authn.Authenticator} and {@link
 * io.kapi.server.authn.UserInfo}. The built-in authenticators are {@link
 * io.kapi.server.authn.BearerTokenAuthenticator} (static tokens) and {@link
 * io.kapi.server.authn.ClientCertificateAuthenticator} (x509 client certificates); combine them
 * with {@link io.kapi.server.authn.UnionAuthenticator} and wrap the result in an {@link
 * io.kapi.server.authn.AuthenticatedGroupAdder}, as kube-apiserver does.
 */
@NullMarked
package io.kapi.server.authn;

import org.jspecify.annotations.NullMarked;
