/**
 * The REST installer: turns an {@link io.kapi.server.registry.ApiGroupInfo} into go-restful style
 * WebServices (CRUD, list, watch over chunked HTTP and WebSocket, patch, Table output, discovery)
 * served by the generic {@link io.kapi.server.registry.Store}. Start with {@link
 * io.kapi.server.endpoints.ApiInstaller}.
 */
@NullMarked
package io.kapi.server.endpoints;

import org.jspecify.annotations.NullMarked;
