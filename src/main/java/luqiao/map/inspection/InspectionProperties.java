package luqiao.map.inspection;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** 一线督战 settings ({@code luqiao.inspection.*}): the far-visit threshold, the departments, the photo caps. */
@Validated
@ConfigurationProperties("luqiao.inspection")
public record InspectionProperties(
        /* Metres from the project's geometry beyond which a visit's position is flagged as far. */
        @DefaultValue("500") @Positive double farDistance,
        /* The departments a problem may be assigned to (责任单位), in the order forms offer them. */
        @DefaultValue({"区发改局", "自然资源和规划分局", "区住建局", "区财政局", "区交通运输局", "生态环境分局", "属地街道（镇）", "其他"}) @NotEmpty
                List<String> departments,
        /* Largest photo accepted (413 above). */
        @DefaultValue("10MB") DataSize maxPhotoSize,
        /* Most pixels (width x height, as the image's header declares them) a photo may have (413 above). */
        @DefaultValue("40000000") @Positive long maxPhotoPixels,
        /* Most photos one visit may carry (413 above). */
        @DefaultValue("10") @Positive int maxPhotos,
        /* Largest whole visit upload, photos and form together (413 above); exempt from security.max-body-size. */
        @DefaultValue("64MB") DataSize maxVisitSize,
        /* Long side of a photo's thumbnail, in pixels. */
        @DefaultValue("320") @Positive int thumbnailSize,
        /* Days from the day a problem is raised to its due date when it names none. */
        @DefaultValue("30") @Positive int defaultDueDays,
        /* Photos decoded at once (each may hold max-photo-pixels x 4 bytes); more wait 20 s, then 503. */
        @DefaultValue("2") @Positive int maxConcurrentPhotos) {}
