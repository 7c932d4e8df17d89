package io.counterpower.watch;

import io.counterpower.common.net.PublicHosts;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Looks up the host of a webhook receiver, at creation and at every delivery (the system's
 * resolver). A bean so that a test can answer as a rebinding DNS server would.
 */
@ApplicationScoped
class ReceiverResolver implements PublicHosts.Resolver {
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return PublicHosts.SYSTEM.resolve(host);
    }
}
