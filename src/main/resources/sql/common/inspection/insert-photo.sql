-- One photo of a visit: values inspection id, content, thumbnail, media type, width, height, EXIF lat, EXIF lon,
-- EXIF time taken, size in bytes.
INSERT INTO inspection_photos (inspection_id, content, thumbnail, media_type, width, height, exif_lat, exif_lon,
                               exif_taken_at, size_bytes)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
