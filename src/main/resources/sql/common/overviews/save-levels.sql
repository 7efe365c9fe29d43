-- Values: layer, min zoom, max zoom, latitude, min area pixels, built at.
INSERT INTO overview_levels (layer, min_zoom, max_zoom, latitude, min_area_pixels, built_at) VALUES (?, ?, ?, ?, ?, ?)
