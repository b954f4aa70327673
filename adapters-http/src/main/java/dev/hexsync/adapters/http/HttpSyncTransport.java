package dev.hexsync.adapters.http;

import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.CredentialsException;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.ports.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PowerSync service's HTTP interface over Apache HttpClient 5 (classic, blocking API).
 *
 * <ul>
 *   <li>{@link #openStream} posts to {@code /sync/stream}, asking for BSON or NDJSON, and reads whichever the
 *       response's {@code Content-Type} names, frame by frame as it arrives: memory use does not depend on the
 *       stream's length. gzip is accepted and inflated as it arrives.</li>
 *   <li>{@link #fetchWriteCheckpoint} and {@link #postCheckpointRequest} call the checkpoint routes and return
 *       the decimal id from the {@code {"data": ...}} envelope.</li>
 *   <li>Every request sends {@code Authorization: Token <jwt>} and names hexsync and its version in
 *       {@code User-Agent} and {@code x-user-agent}.</li>
 * </ul>
 *
 * <p>Errors: HTTP 401 is a {@link CredentialsException}; any other non-2xx status a
 * {@link dev.hexsync.ports.transport.ServiceException} carrying the service's {@code PSYNC_*} code when the body
 * names one; a failed connection, a timeout or a body that breaks off a {@link TransportException}; a 2xx answer
 * that is not the documented shape a {@link ProtocolException}. The token never appears in a
 * message or a log line, HttpClient's included: its header logger sees {@code Authorization: Token <redacted>},
 * its wire logger nothing of these connections ({@link RedactingConnectionFactory}). An endpoint that is not a plain http(s) base URL without a trailing slash is refused
 * with an {@link IllegalArgumentException}.
 *
 * <p>TLS certificates and host names are verified against the JVM's default trust store (the
 * {@code javax.net.ssl.*} system properties apply, as do the JVM's proxy settings). HttpClient's own retries and
 * redirects are off: the sync loop owns retrying, and following a redirect could carry the token to another
 * host.
 *
 * <p>Safe for concurrent use; one instance is meant to serve every database of an application. {@link #close()}
 * releases its connections and aborts open streams.
 */
public final class HttpSyncTransport implements SyncTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSyncTransport.class);

    /** Default for how long connecting may take. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Default for how long a response may stay silent. The service sends a keepalive line about every 20 s;
     * 40 s is what the Kotlin SDK allows, so one lost keepalive is tolerated and two are not.
     */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(40);

    private static final String ROUTE_STREAM = "POST /sync/stream";
    private static final String ROUTE_WRITE_CHECKPOINT = "GET /write-checkpoint2.json";
    private static final String ROUTE_CHECKPOINT_REQUEST = "POST /sync/checkpoint-request";
    /** Without a charset parameter, as the other SDKs send it: JSON is UTF-8 by definition. */
    private static final ContentType JSON = ContentType.create("application/json");
    /** The checkpoint routes answer with a few dozen bytes; anything near this is not their answer. */
    private static final int MAX_JSON_BODY = 1024 * 1024;
    /** A stream, the upload loop's checkpoint calls, and room for several databases sharing this transport. */
    private static final int MAX_CONNECTIONS_PER_ROUTE = 16;
    private static final int MAX_CONNECTIONS = 64;

    private final CloseableHttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;
    private final String accept;
    private final ServiceJson json = new ServiceJson();
    private final ServiceErrors errors = new ServiceErrors(json);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TransportFailures failures;

    private HttpSyncTransport(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.failures = new TransportFailures(connectTimeout, readTimeout);
        this.userAgent = UserAgent.of(builder.userAgent);
        this.accept = builder.acceptBson ? StreamFormat.ACCEPT : StreamFormat.NDJSON.mediaType();
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(readTimeout))
                .build();
        RequestConfig requests = RequestConfig.custom()
                // Waiting for a pooled connection is bounded like connecting is.
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                // The socket timeout while the response, body included, is read: the keepalive window.
                .setResponseTimeout(Timeout.of(readTimeout))
                .setRedirectsEnabled(false)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .useSystemProperties()
                        // HttpClient's header and wire loggers would print the token at DEBUG.
                        .setConnectionFactory(new RedactingConnectionFactory())
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_ROUTE)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(requests)
                .setUserAgent(userAgent)
                // powersync-js sends x-user-agent, and the service prefers it over User-Agent.
                .setDefaultHeaders(List.of(new BasicHeader("x-user-agent", userAgent)))
                .useSystemProperties()
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** A transport with the default timeouts and user agent. */
    public static HttpSyncTransport create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code User-Agent} (and {@code x-user-agent}) this transport sends. */
    public String userAgent() {
        return userAgent;
    }

    @Override
    public SyncStream openStream(Credentials credentials, String requestBody) {
        Objects.requireNonNull(requestBody, "requestBody is null");
        ServiceCall call = ServiceCall.of(credentials);
        HttpPost post = new HttpPost(Endpoints.resolve(call.endpoint(), "/sync/stream"));
        call.authorize(post);
        post.setHeader(HttpHeaders.ACCEPT, accept);
        post.setHeader(HttpHeaders.ACCEPT_ENCODING, ContentCoding.ACCEPT_ENCODING);
        post.setEntity(new ByteArrayEntity(requestBody.getBytes(StandardCharsets.UTF_8), JSON));
        ClassicHttpResponse response = send(post, ROUTE_STREAM, call);
        try {
            int status = response.getCode();
            if (status < 200 || status >= 300) {
                throw errorOf(response, ROUTE_STREAM, call);
            }
            String contentType = header(response, HttpHeaders.CONTENT_TYPE);
            StreamFormat format = StreamFormat.fromContentType(contentType).orElseThrow(() -> new TransportException(
                    "The sync service at " + call.endpoint() + " answered " + ROUTE_STREAM + " with content type '"
                            + call.redactor().scrub(contentType) + "', expected " + StreamFormat.NDJSON.mediaType()
                            + " or " + StreamFormat.BSON.mediaType() + "; is the endpoint a PowerSync service?"));
            ContentCoding coding = coding(response, ROUTE_STREAM, call);
            HttpEntity entity = response.getEntity();
            InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
            LOG.debug("Opened the sync stream from {} ({}, {})",
                    call.endpoint(), format.mediaType(), coding);
            return new HttpSyncStream(post, body, format, coding, call.endpoint().toString(), readTimeout,
                    call.redactor());
        } catch (IOException e) {
            post.cancel();
            throw failures.of(ROUTE_STREAM, call, e);
        } catch (RuntimeException e) {
            post.cancel();
            throw e;
        }
    }

    @Override
    public String fetchWriteCheckpoint(Credentials credentials, String clientId) {
        Objects.requireNonNull(clientId, "clientId is null");
        ServiceCall call = ServiceCall.of(credentials);
        // URLEncoder writes form encoding; %20 for a space is understood by every query parser, '+' is not.
        String query = "?client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8).replace("+", "%20");
        HttpGet get = new HttpGet(Endpoints.resolve(call.endpoint(), "/write-checkpoint2.json" + query));
        call.authorize(get);
        get.setHeader(HttpHeaders.ACCEPT, ContentType.APPLICATION_JSON.getMimeType());
        byte[] body = exchange(get, ROUTE_WRITE_CHECKPOINT, call);
        return json.dataId(body, "write_checkpoint", ROUTE_WRITE_CHECKPOINT, call.redactor());
    }

    @Override
    public String postCheckpointRequest(Credentials credentials, String clientId, String checkpointRequestId) {
        Objects.requireNonNull(clientId, "clientId is null");
        long id = checkpointRequestId(checkpointRequestId);
        ServiceCall call = ServiceCall.of(credentials);
        HttpPost post = new HttpPost(Endpoints.resolve(call.endpoint(), "/sync/checkpoint-request"));
        call.authorize(post);
        post.setHeader(HttpHeaders.ACCEPT, ContentType.APPLICATION_JSON.getMimeType());
        post.setEntity(new ByteArrayEntity(json.checkpointRequest(clientId, id), JSON));
        byte[] body = exchange(post, ROUTE_CHECKPOINT_REQUEST, call);
        return json.dataId(body, "checkpoint_request_id", ROUTE_CHECKPOINT_REQUEST, call.redactor());
    }

    /** Closes every connection, aborting open streams. Later calls throw {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close(CloseMode.IMMEDIATE);
        }
    }

    /** The service takes ids from 1 to 2^63-1 and answers anything else with 400; better to say why here. */
    private static long checkpointRequestId(String checkpointRequestId) {
        Objects.requireNonNull(checkpointRequestId, "checkpointRequestId is null");
        boolean digits = !checkpointRequestId.isEmpty() && checkpointRequestId.length() <= 19
                && checkpointRequestId.chars().allMatch(c -> c >= '0' && c <= '9');
        long id = 0;
        if (digits) {
            try {
                id = Long.parseLong(checkpointRequestId);
            } catch (NumberFormatException e) {
                digits = false;
            }
        }
        if (!digits || id < 1) {
            throw new IllegalArgumentException("checkpointRequestId must be a decimal integer from 1 to 2^63-1, got '"
                    + checkpointRequestId + "'");
        }
        return id;
    }

    /** Sends a request to a JSON route and returns the body of its 2xx answer. */
    private byte[] exchange(HttpUriRequestBase request, String route, ServiceCall call) {
        ClassicHttpResponse response = send(request, route, call);
        try {
            int status = response.getCode();
            if (status < 200 || status >= 300) {
                throw errorOf(response, route, call);
            }
            byte[] body = read(response, coding(response, route, call), MAX_JSON_BODY + 1);
            if (body.length > MAX_JSON_BODY) {
                request.cancel();
                throw new ProtocolException("Unexpected answer from the sync service to " + route
                        + ": the body is larger than " + MAX_JSON_BODY / 1024 + " KiB");
            }
            // Read to its end, the body has released the connection back to the pool; this closes nothing more.
            response.close();
            return body;
        } catch (IOException e) {
            request.cancel();
            throw failures.of(route, call, e);
        } catch (RuntimeException e) {
            request.cancel();
            throw e;
        }
    }

    private ClassicHttpResponse send(HttpUriRequestBase request, String route, ServiceCall call) {
        if (closed.get()) {
            // HttpClient would say "Connection pool shut down", which sounds like a network problem.
            throw new IllegalStateException("This HttpSyncTransport is closed");
        }
        try {
            // A null target: HttpClient takes the host from the request's URI.
            return client.executeOpen(null, request, null);
        } catch (IOException e) {
            throw failures.of(route, call, e);
        }
    }

    /** Reads what the body of an error answer says, bounded, and maps it to the port's errors. */
    private TransportException errorOf(ClassicHttpResponse response, String route, ServiceCall call) {
        byte[] body;
        try {
            Optional<ContentCoding> coding = ContentCoding.fromHeader(header(response, HttpHeaders.CONTENT_ENCODING));
            body = coding.isPresent() ? read(response, coding.get(), ServiceErrors.MAX_ERROR_BODY) : new byte[0];
        } catch (IOException e) {
            // The status says what happened; a body that cannot be read only costs the details.
            LOG.debug("Could not read the error body of {}: {}", route,
                    call.redactor().scrub(TransportFailures.describe(e)));
            body = new byte[0];
        }
        TransportException error = errors.toException(route, response.getCode(), response.getReasonPhrase(), body,
                call.redactor());
        LOG.debug("{} at {}: {}", route, call.endpoint(), error.getMessage());
        return error;
    }

    private static byte[] read(ClassicHttpResponse response, ContentCoding coding, int limit) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        InputStream content = entity.getContent();
        if (content == null) {
            return new byte[0];
        }
        return coding.decode(content).readNBytes(limit);
    }

    private static ContentCoding coding(ClassicHttpResponse response, String route, ServiceCall call) {
        String contentEncoding = header(response, HttpHeaders.CONTENT_ENCODING);
        return ContentCoding.fromHeader(contentEncoding).orElseThrow(() -> new TransportException(
                "The sync service at " + call.endpoint() + " answered " + route + " with content encoding '"
                        + call.redactor().scrub(contentEncoding)
                        + "', which was not asked for; only gzip is supported"));
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /**
     * Configures an {@link HttpSyncTransport}. Every setting has a default; {@code HttpSyncTransport.builder().build()}
     * is a working transport.
     */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private String userAgent;
        private boolean acceptBson = true;

        private Builder() {
        }

        /** How long opening a TCP (and TLS) connection may take. Default {@link #DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = checkTimeout(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long a response may stay silent: the wait for an answer's headers, and the longest gap between two
         * reads of a sync stream. A stream silent for longer is treated as dead and its {@code next()} throws a
         * {@link TransportException}. Keep it well above the service's 20 s keepalive interval. Default
         * {@link #DEFAULT_READ_TIMEOUT}.
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = checkTimeout(readTimeout, "readTimeout");
            return this;
        }

        /**
         * The application's product token (e.g. {@code myapp/1.4}), sent after hexsync's own
         * ({@code hexsync/<version> java/<feature>}) so that the service logs show both. Printable ASCII.
         */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent is null");
            this.userAgent = UserAgent.checkApplication(userAgent);
            return this;
        }

        /**
         * Whether sync streams may come as BSON. By default the transport prefers BSON and accepts NDJSON, as
         * powersync-js asks; {@code false} asks for NDJSON only, which the service then sends (to read a stream
         * through a text-only proxy, or to check both encodings against one service). Either way the transport
         * reads whichever format the response names.
         */
        public Builder acceptBson(boolean accept) {
            this.acceptBson = accept;
            return this;
        }

        /** A new transport with its own connection pool; close it when done. */
        public HttpSyncTransport build() {
            return new HttpSyncTransport(this);
        }

        private static Duration checkTimeout(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name + " is null");
            // Socket timeouts are whole milliseconds in an int, and zero would mean "wait forever".
            if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms, got "
                        + timeout);
            }
            return timeout;
        }
    }
}
