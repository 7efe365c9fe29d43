package luqiao.map.security;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * How sessions' attributes are stored: Java serialization, as Spring Session JDBC does, except that an attribute
 * that no longer reads is taken as absent. Spring Security's classes change their serial version with each minor
 * release, so after an upgrade every stored sign-in would otherwise fail to read and answer 500 until its cookie
 * went; now the visitor is simply anonymous and signs in again.
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributeCodec {

    private static final Logger log = LoggerFactory.getLogger(SessionAttributeCodec.class);

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> tolerantSessionAttributes() {
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        DeserializingConverter reader = new DeserializingConverter(SessionAttributeCodec.class.getClassLoader());
        conversions.addConverter(new GenericConverter() {
            @Override
            public Set<ConvertiblePair> getConvertibleTypes() {
                return Set.of(new ConvertiblePair(byte[].class, Object.class));
            }

            @Override
            public Object convert(Object source, TypeDescriptor from, TypeDescriptor to) {
                try {
                    return source == null ? null : reader.convert((byte[]) source);
                } catch (RuntimeException e) {
                    log.info("A stored session attribute no longer reads ({}); it is taken as absent", e.getMessage());
                    return null;
                }
            }
        });
        return repository -> repository.setConversionService(conversions);
    }
}
