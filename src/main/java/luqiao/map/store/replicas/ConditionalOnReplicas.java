package luqiao.map.store.replicas;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Only on PostGIS with at least one {@code luqiao.db.replica-urls}: the beans that route reads to replicas. Without
 * replicas none of them exists and every query runs on the primary, as it always did.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Profile("postgis")
@Conditional(ConditionalOnReplicas.Configured.class)
public @interface ConditionalOnReplicas {

    /** Whether {@code luqiao.db.replica-urls} names a replica (as a comma-separated text or a list). */
    class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("luqiao.db.replica-urls", Bindable.listOf(String.class))
                    .map(urls -> urls.stream().anyMatch(u -> !u.isBlank()))
                    .orElse(false);
        }
    }
}
