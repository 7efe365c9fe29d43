// The zones (outlined, labelled) and projects (by stage; points clustered at low zoom) as Leaflet
// layers, drawn from the server's GeoJSON on the current basemap's datum and redrawn when it changes.
import { coordsToLatLng, onDatumChange } from './datum.js';
import { featureName, tv } from './i18n.js';
import { declutterLabels } from './labels.js';
import { popupHtml } from './popups.js';
import { STAGE_COLOURS, ZONE_COLOURS } from './style.js';
import { escapeHtml } from './util.js';

export class Overlays {
  constructor(map) {
    this.map = map;
    this.zones = L.featureGroup();
    this.projects = L.featureGroup();
    this.projectPoints = L.markerClusterGroup({ disableClusteringAtZoom: 14, showCoverageOnHover: false, maxClusterRadius: 50 });
    this.projectShapes = L.featureGroup();
    this.projects.addLayer(this.projectShapes).addLayer(this.projectPoints);
    this.zoneData = [];
    this.projectData = [];
    this.visibleProjects = [];
    this.byKey = new Map();
    this.declutter = declutterLabels(map, () => this.zones.getLayers().filter((l) => l.getTooltip()),
      (l) => l.feature.properties.area_m2, this.projectPoints);
    onDatumChange(() => this.redraw());
  }

  zoneName(code) {
    const zone = this.zoneData.find((f) => f.id === code);
    return zone ? featureName(zone.properties) : code;
  }

  setZones(features) {
    this.zoneData = features;
    this.drawZones();
  }

  /** Shows these projects (the filtered set). */
  setProjects(all, visible) {
    this.projectData = all;
    this.visibleProjects = visible;
    this.drawProjects();
  }

  redraw() {
    this.drawZones();
    this.drawProjects();
  }

  drawZones() {
    this.zones.clearLayers();
    // Largest first, so the small zones lie on top and can be clicked.
    const ordered = [...this.zoneData].sort((a, b) => b.properties.area_m2 - a.properties.area_m2);
    ordered.forEach((f) => {
      const district = f.properties.kind === 'district';
      const colour = ZONE_COLOURS[f.properties.kind] || '#555';
      const shape = L.geoJSON(f, {
        coordsToLatLng,
        style: { color: colour, weight: district ? 2.5 : 2, dashArray: district ? '6 4' : null,
          fillOpacity: district ? 0 : 0.1, className: 'zone zone-' + f.properties.kind },
        interactive: !district
      });
      if (!district) {
        shape.bindPopup(() => popupHtml('zones', f));
        shape.bindTooltip(escapeHtml(featureName(f.properties)), { permanent: true, direction: 'center', className: 'zone-label' });
        this.byKey.set('zones:' + f.id, shape);
      }
      shape.feature = f;
      shape.addTo(this.zones);
    });
    this.declutter();
  }

  drawProjects() {
    this.projectPoints.clearLayers();
    this.projectShapes.clearLayers();
    [...this.byKey.keys()].filter((k) => k.startsWith('projects:')).forEach((k) => this.byKey.delete(k));
    const markers = [];
    this.visibleProjects.forEach((f) => {
      const colour = STAGE_COLOURS[f.properties.stage] || '#555';
      const popup = () => popupHtml('projects', f, (code) => this.zoneName(code));
      let layer;
      if (f.geometry.type === 'Point') {
        const [lon, lat] = f.geometry.coordinates;
        layer = L.marker(coordsToLatLng([lon, lat]), {
          icon: L.divIcon({ className: 'project-marker', html: '<span style="background:' + colour + '"></span>', iconSize: [16, 16] }),
          title: featureName(f.properties) + ' · ' + tv(f.properties.stage),
          alt: featureName(f.properties), keyboard: true
        });
        markers.push(layer);
      } else {
        layer = L.geoJSON(f, { coordsToLatLng,
          style: { color: colour, weight: 4, fillOpacity: 0.3, className: 'project project-shape' } });
        layer.addTo(this.projectShapes);
      }
      layer.bindPopup(popup);
      layer.feature = f;
      this.byKey.set('projects:' + f.id, layer);
    });
    this.projectPoints.addLayers(markers);
    this.declutter();
  }

  /** The number of projects on the map (markers, whether clustered or not, and shapes). */
  projectCount() {
    return this.projectPoints.getLayers().length + this.projectShapes.getLayers().length;
  }

  /**
   * Opens a zone's or project's popup, flying to it unless stay is set (a restored view keeps its
   * centre, only uncovering a clustered marker); false when it is not on the map.
   */
  focus(layerName, id, stay) {
    const layer = this.byKey.get(layerName + ':' + id);
    if (!layer) {
      return false;
    }
    if (layer instanceof L.Marker) {
      if (stay && this.projectPoints.getVisibleParent(layer) === layer) {
        layer.openPopup();
      } else {
        this.projectPoints.zoomToShowLayer(layer, () => layer.openPopup());
      }
    } else if (stay) {
      layer.openPopup();
    } else {
      this.map.flyToBounds(layer.getBounds(), { maxZoom: 16, duration: 0.6 });
      this.map.once('moveend', () => layer.openPopup());
    }
    return true;
  }
}
