-- Zoom overviews of the parcels (store.overviews): at the zooms where most parcels are a pixel or two, tiles read
-- one row per (zoom, cell, land-use class, status, size band) instead of tens of thousands of parcels. A cell is the
-- tile of zoom z + 2 (16 per tile of zoom z; cells nest), holding the parcels whose bounding-box centre lies in it.
-- Kept current in every writing transaction; rebuilt whole by `rebuild-overviews` or at start when empty.
CREATE TABLE overviews (
    layer           VARCHAR(40)      NOT NULL,
    z               INTEGER          NOT NULL,
    cell_x          INTEGER          NOT NULL,
    cell_y          INTEGER          NOT NULL,
    landuse_l1_code VARCHAR(4)       NOT NULL,
    landuse_l1_name VARCHAR(60)      NOT NULL,
    status          VARCHAR(8)       NOT NULL,
    -- the parcels' size at z in quarter octaves: FLOOR(4 LOG2(ground area / the smallest visible area)), 0..39
    -- (39: that and larger); -1 for those too small to be drawn at z (the row is then the cell's centre). Tiles draw
    -- the larger bands first, as the full render draws larger parcels first.
    band            SMALLINT         NOT NULL,
    -- every live parcel of the group, and their summed ground area
    feature_count   INTEGER          NOT NULL,
    area_m2         DOUBLE PRECISION NOT NULL,
    -- the union of the group's parcels, simplified; a point for band -1
    geom            GEOMETRY(GEOMETRY, 4326) NOT NULL,
    PRIMARY KEY (layer, z, cell_x, cell_y, landuse_l1_code, status, band)
);
CREATE SPATIAL INDEX overviews_geom_idx ON overviews (geom);

-- The zooms each layer's overviews were built for, and the latitude and pixel bound their visibility rule used,
-- so incremental refreshes apply the very rule of the last rebuild.
CREATE TABLE overview_levels (
    layer           VARCHAR(40)      PRIMARY KEY,
    min_zoom        INTEGER          NOT NULL,
    max_zoom        INTEGER          NOT NULL,
    latitude        DOUBLE PRECISION NOT NULL,
    min_area_pixels DOUBLE PRECISION NOT NULL,
    built_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
