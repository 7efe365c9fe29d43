-- Needs a role that may create extensions, or a DBA who ran this beforehand (then it is a no-op).
CREATE EXTENSION IF NOT EXISTS postgis;
