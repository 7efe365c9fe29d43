package luqiao.map;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import luqiao.map.store.ConnectionPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * Logs, once at start, the configuration in force: the active profiles, every {@code luqiao.*} setting with
 * the value it has after environment variables and arguments, and each connection pool's URL and size. One
 * INFO message, so that it stays one record in JSON logs. Secrets are never written: a setting whose name
 * holds password, secret, token or key is shown as {@value #REDACTED}, and so is such a parameter of a URL.
 */
@Component
class EffectiveConfiguration implements ApplicationRunner {

    static final String REDACTED = "******";

    private static final Logger log = LoggerFactory.getLogger(EffectiveConfiguration.class);
    private static final Pattern SECRET = Pattern.compile("password|secret|token|key");
    /** A URL parameter ({@code ?password=x}, {@code ;password=x}, {@code &sslkey=x}) and its value. */
    private static final Pattern URL_PARAMETER = Pattern.compile("([?;&])([^=?;&]+)=([^;&]*)");

    private final ConfigurableEnvironment environment;
    private final ConnectionPools pools;

    EffectiveConfiguration(ConfigurableEnvironment environment, ConnectionPools pools) {
        this.environment = environment;
        this.pools = pools;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info(describe(environment, pools.pools()));
    }

    /** The block logged at start. */
    static String describe(ConfigurableEnvironment environment, List<ConnectionPools.Pool> pools) {
        StringBuilder out = new StringBuilder("Effective configuration (secrets redacted):");
        String[] profiles = environment.getActiveProfiles();
        out.append("\n  profiles: ")
                .append(profiles.length == 0 ? "(default: embedded H2GIS)" : String.join(",", profiles));
        for (ConnectionPools.Pool pool : pools) {
            out.append("\n  database pool ")
                    .append(pool.name())
                    .append(": ")
                    .append(redactUrl(pool.url()))
                    .append(", at most ")
                    .append(pool.maximumSize() < 0 ? "?" : Integer.toString(pool.maximumSize()))
                    .append(" connections");
        }
        for (String name : settingNames(environment)) {
            String value;
            try {
                value = environment.getProperty(name, "");
            } catch (IllegalArgumentException e) {
                value = "(unresolvable: " + e.getMessage() + ")";
            }
            out.append("\n  ").append(name).append(" = ").append(redact(name, value));
        }
        return out.toString();
    }

    /** The value as it may be logged: {@value #REDACTED} for a secret's (an empty one stays empty: nothing to hide). */
    static String redact(String name, String value) {
        if (value.isEmpty() || !isSecret(name)) {
            return value;
        }
        return REDACTED;
    }

    /** The URL with the values of its secret parameters redacted ({@code ...?user=u&password=******}). */
    static String redactUrl(String url) {
        Matcher m = URL_PARAMETER.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = isSecret(m.group(2)) ? REDACTED : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isSecret(String name) {
        return SECRET.matcher(name.toLowerCase(Locale.ROOT)).find();
    }

    /** Every {@code luqiao.*} name some property source declares (application.yml declares them all), sorted. */
    private static Set<String> settingNames(ConfigurableEnvironment environment) {
        Set<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("luqiao.")) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}
