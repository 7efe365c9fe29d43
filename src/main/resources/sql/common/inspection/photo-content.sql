-- A photo's served bytes (no EXIF): values photo id, inspection id.
SELECT media_type, content FROM inspection_photos WHERE id = ? AND inspection_id = ?
