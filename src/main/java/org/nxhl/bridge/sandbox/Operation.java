package org.nxhl.bridge.sandbox;

/** One emulated API operation. */
@FunctionalInterface
interface Operation {

    SandboxResponse run(ApiCall call);
}
