package luqiao.map.invest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The investment map ({@code luqiao.invest.*}). */
@ConfigurationProperties("luqiao.invest")
public record InvestProperties(
        /* The contact line shown with the parcels on offer (office, telephone, address). */
        @DefaultValue("") String contact) {}
