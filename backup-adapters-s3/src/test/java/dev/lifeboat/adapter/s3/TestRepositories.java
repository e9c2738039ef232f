package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.RepositorySettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Opens S3 repositories on a test server with what the public provider does not let a test choose. */
final class TestRepositories {

    /** The smallest part S3 takes (all parts but the last): archives of a few MiB go up in several parts. */
    static final int SMALL_PART_SIZE = 5 * 1024 * 1024;

    private TestRepositories() {
    }

    static S3Repository open(S3TestServer server, String location) {
        return open(server, location, Map.of(), List.of(), S3Repository.DEFAULT_PART_SIZE);
    }

    /**
     * @param settings     settings on top of those that reach the server
     * @param interceptors what sees every request
     */
    static S3Repository open(S3TestServer server, String location, Map<String, String> settings,
                             List<ExecutionInterceptor> interceptors, int partSize) {
        Map<String, String> values = new HashMap<>(server.settingValues());
        values.putAll(settings);
        return open(location, new RepositorySettings(values), interceptors, partSize);
    }

    static S3Repository open(String location, RepositorySettings values, List<ExecutionInterceptor> interceptors,
                             int partSize) {
        S3Settings settings = S3Settings.from(values);
        return new S3Repository(new S3Bucket(S3Clients.create(settings, interceptors), S3Location.parse(location),
                settings), partSize);
    }
}
