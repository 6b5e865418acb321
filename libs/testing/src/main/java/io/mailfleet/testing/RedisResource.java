package io.mailfleet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real redis-server, configured as the default Quarkus Redis client. */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", SharedInfrastructure.redisUrl());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped at JVM exit
    }

    public static String url() {
        return SharedInfrastructure.redisUrl();
    }
}
