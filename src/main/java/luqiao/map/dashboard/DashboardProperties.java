package luqiao.map.dashboard;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The dashboard's thresholds and the plan's targets ({@code luqiao.dashboard.*}). The defaults are
 * the 2024 work plan's (seed document): projects of 1亿元 and of 50亿元 and more, "力争50亿元以上项目
 * 实现突破" (at least one), and the three 1,000-mu actions of 做地, 储备 and 出让. The plan gives
 * no figure for new starts ("力争全年新开工项目大幅增长"): set the district's own.
 */
@Validated
@ConfigurationProperties("luqiao.dashboard")
public record DashboardProperties(
        /* The year the targets are for; new starts are projects whose actual start falls in it. */
        @DefaultValue("2024") @Min(1900) @Max(2999) int planYear,
        /* Investment (万元) from which a project counts as 亿元-level: 1亿元 = 10,000万元. */
        @DefaultValue("10000") @PositiveOrZero long largeProjectWan,
        /* Investment (万元) from which a project counts as a 50亿元 project. */
        @DefaultValue("500000") @PositiveOrZero long majorProjectWan,
        /* How many 50亿元 projects the plan aims for. */
        @DefaultValue("1") @PositiveOrZero int majorProjectsTarget,
        /* How many projects should start in the plan year. */
        @DefaultValue("20") @PositiveOrZero int newStartsTarget,
        /* The three 1,000-mu land actions, in 亩. */
        @DefaultValue @Valid LandTargets landTargetsMu) {

    /** 亩 targets of the plan's "三个千亩行动" by parcel status. */
    public record LandTargets(
            /* 做地: land prepared for supply. */
            @DefaultValue("1000") @PositiveOrZero double preparation,
            /* 储备: land taken into the reserve. */
            @DefaultValue("1000") @PositiveOrZero double reserve,
            /* 出让: land transferred. */
            @DefaultValue("1000") @PositiveOrZero double transfer) {

        /** The target for a parcel status; null for a status without one (已供). */
        Double forStatus(String status) {
            return switch (status) {
                case "做地" -> preparation;
                case "储备" -> reserve;
                case "出让" -> transfer;
                default -> null;
            };
        }
    }
}
