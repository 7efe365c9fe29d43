package luqiao.map.catalog;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the deployment publishes beyond the public rows and fields of {@link Layer} ({@code luqiao.public.*};
 * env {@code LUQIAO_PUBLIC_COMPLIANCE}, {@code LUQIAO_PUBLIC_OVERDUE}), next to {@link Audience}, which it
 * completes: every path that shows project-chain stages, overdue figures or compliance conflicts asks
 * this bean (issue #15).
 * <ul>
 *   <li>Internal stages (谋划, 前期, 招引) and their dates are never public: only audiences that see
 *       internal projects see them.</li>
 *   <li>Overdue figures (the overdue list, days late, "逾期" badges) and compliance conflicts (farmland and
 *       land-use overlaps) are for signed-in staff, unless the deployment publishes them.</li>
 * </ul>
 *
 * @param compliance whether the public sees compliance conflicts of public projects
 * @param overdue    whether the public sees overdue figures of public projects
 */
@ConfigurationProperties("luqiao.public")
public record PublicPolicy(
        /* Publish compliance conflicts (farmland, land-use) of public projects to anonymous visitors. */
        @DefaultValue("false") boolean compliance,
        /* Publish overdue figures (overdue list, days late) of public projects to anonymous visitors. */
        @DefaultValue("false") boolean overdue) {

    /** The stages of the chain every audience may see (the public projects' stages). */
    public static final List<String> PUBLIC_STAGES = List.of("开工", "竣工");
    /** Every stage of the chain, in order. */
    public static final List<String> ALL_STAGES = List.of("谋划", "前期", "招引", "开工", "竣工");

    /** Whether the audience sees the internal stages (谋划, 前期, 招引), their events and their dates. */
    public boolean seesInternalStages(Audience audience) {
        return audience.seesInternalRowsOf(Layer.PROJECTS);
    }

    /** The stages the audience sees, in chain order. */
    public List<String> stages(Audience audience) {
        return seesInternalStages(audience) ? ALL_STAGES : PUBLIC_STAGES;
    }

    /** Whether the audience sees overdue figures (of the projects it sees). */
    public boolean seesOverdue(Audience audience) {
        return !audience.isPublic() || overdue;
    }

    /** Whether the audience sees compliance conflicts (of the projects it sees). */
    public boolean seesCompliance(Audience audience) {
        return !audience.isPublic() || compliance;
    }
}
