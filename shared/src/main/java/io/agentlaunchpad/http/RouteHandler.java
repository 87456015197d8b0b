package io.agentlaunchpad.http;

@FunctionalInterface
public interface RouteHandler {

    Reply handle(ApiCall call);
}
