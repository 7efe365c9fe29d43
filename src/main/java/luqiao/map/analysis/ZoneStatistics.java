package luqiao.map.analysis;

import java.math.BigDecimal;
import java.util.List;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.store.SpatialStore;
import luqiao.map.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * The figures of one zone: public projects by stage and category (counts, investment), parcels by
 * land-use class and status (the area inside the zone), and low-efficiency land renovation by type.
 * A project or parcel counts for every zone it meets; investment is counted whole, areas only for
 * the part inside the zone.
 */
@Service
class ZoneStatistics {

    /** The project chain (DOMAIN.md); only 开工 and 竣工 are public. */
    static final List<String> STAGES = List.of("谋划", "前期", "招引", "开工", "竣工");

    static final List<String> CATEGORIES = List.of("产业转型", "城市提能", "民生优享", "绿色生态");
    static final List<String> RENOVATIONS = List.of("改造提升", "盘活置换", "倒逼腾退");

    private final SpatialStore store;
    private final ParcelAnalysis parcels;

    ZoneStatistics(SpatialStore store, ParcelAnalysis parcels) {
        this.store = store;
        this.parcels = parcels;
    }

    record Stats(
            Feature zone,
            Tally projects,
            List<Tally> byStage,
            List<Tally> byCategory,
            ParcelReport parcels,
            Tally renovation) {}

    /**
     * The zone's figures, its projects counted as they stood on {@code asOf} (null: now; the zones and
     * parcels have no history and are as they are); 404 when the zone does not exist or is not public.
     */
    Stats of(String code, Audience audience, java.time.LocalDate asOf) {
        Feature zone = store.get(Layer.ZONES, code, audience)
                .orElseThrow(() -> new NotFoundException("no zone '" + code + "'"));
        Tally.Builder all = new Tally.Builder();
        Tally.Builder stage = new Tally.Builder();
        Tally.Builder category = new Tally.Builder();
        for (Feature project : store.intersecting(Layer.PROJECTS, zone.geometry(), audience, asOf)) {
            double investment =
                    project.properties().get("investment_wan") instanceof BigDecimal b ? b.doubleValue() : 0;
            all.add(0, investment);
            stage.group(ParcelFilter.text(project, "stage"), null).add(0, investment);
            category.group(ParcelFilter.text(project, "category"), null).add(0, investment);
        }
        ParcelReport report = parcels.analyse(zone.geometry(), ParcelFilter.ALL, audience);
        Tally.Builder renovation = new Tally.Builder();
        for (ParcelReport.Share share : report.parcels()) {
            String type = ParcelFilter.text(share.parcel(), "renovation");
            if (type != null) {
                renovation
                        .add(share.intersectedM2(), 0)
                        .group(type, null)
                        .add(share.intersectedM2(), 0)
                        .group(ParcelFilter.text(share.parcel(), "status"), null)
                        .add(share.intersectedM2(), 0);
            }
        }
        return new Stats(
                zone,
                all.build(Tally.byKey()),
                stage.build(Tally.inOrder(STAGES)).children(),
                category.build(Tally.inOrder(CATEGORIES)).children(),
                report,
                renovation.build(Tally.inOrder(
                        java.util.stream.Stream.concat(RENOVATIONS.stream(), ParcelFilter.STATUSES.stream())
                                .toList())));
    }
}
