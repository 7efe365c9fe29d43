// A first map: the district boundary, the key zones and the projects, read from this server's API.
// Everything is loaded from this server (Leaflet from its webjar): it works offline, on an intranet.
(function () {
  'use strict';

  var STAGE_COLOURS = { '谋划': '#9e9e9e', '前期': '#1e88e5', '招引': '#8e24aa', '开工': '#fb8c00', '竣工': '#43a047' };
  var ZONE_COLOURS = { district: '#1f4e79', key_zone: '#d81b60', industrial_park: '#6d4c41', logistics: '#00897b',
    rural_showcase: '#7cb342', port: '#039be5' };
  var TEXT = {
    'zh-CN': { title: '路桥区城乡建设项目地图', other: 'English', zones: '区块', projects: '项目', stage: '阶段',
      category: '类别', investment: '投资（万元）', unit: '责任单位', zone: '所在区块', area: '面积', mu: '亩', ha: '公顷',
      kind: '类型', failed: '数据加载失败：' },
    en: { title: 'Luqiao urban-rural projects map', other: '中文', zones: 'Zones', projects: 'Projects', stage: 'Stage',
      category: 'Category', investment: 'Investment (10k CNY)', unit: 'Responsible unit', zone: 'Zone', area: 'Area',
      mu: 'mu', ha: 'ha', kind: 'Kind', failed: 'Could not load data: ' }
  };
  var lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
  var t = function (key) { return TEXT[lang][key]; };

  var map = L.map('map', { zoomSnap: 0.5 }).setView([28.56, 121.42], 11);
  window.luqiaoMap = map;
  var zoneLayer = L.featureGroup().addTo(map);
  var projectLayer = L.featureGroup().addTo(map);
  var layers = L.control.layers(null, null, { collapsed: true }).addTo(map);

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function name(p) {
    return lang === 'en' && p.name_en ? p.name_en : p.name_zh;
  }

  function popup(p, rows) {
    var html = '<div class="popup"><strong>' + escapeHtml(name(p)) + '</strong><dl>';
    rows.forEach(function (row) {
      if (p[row[1]] !== null && p[row[1]] !== undefined) {
        html += '<dt>' + escapeHtml(t(row[0])) + '</dt><dd>' + escapeHtml(p[row[1]]) + '</dd>';
      }
    });
    if (p.area_m2 > 0) {
      html += '<dt>' + t('area') + '</dt><dd>' + p.area_mu.toFixed(1) + ' ' + t('mu') + ' / ' + p.area_ha.toFixed(2) + ' ' + t('ha') + '</dd>';
    }
    return html + '</dl></div>';
  }

  function showError(message) {
    var status = document.getElementById('status');
    status.textContent = t('failed') + message;
    status.className = 'error';
  }

  function fetchAll(layer) {
    return fetch('/api/' + layer + '?limit=10000', { headers: { Accept: 'application/geo+json' } }).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (problem) { throw new Error(problem.detail || r.status); },
          function () { throw new Error('HTTP ' + r.status); });
      }
      return r.json();
    });
  }

  function drawZones(collection) {
    collection.features.forEach(function (f) {
      var district = f.properties.kind === 'district';
      var colour = ZONE_COLOURS[f.properties.kind] || '#555';
      var shape = L.geoJSON(f, {
        style: { color: colour, weight: district ? 2.5 : 2, dashArray: district ? '6 4' : null,
          fillOpacity: district ? 0 : 0.12, className: 'zone zone-' + f.properties.kind },
        interactive: !district
      });
      if (!district) {
        shape.bindPopup(popup(f.properties, [['kind', 'kind']]));
        shape.bindTooltip(escapeHtml(name(f.properties)), { permanent: true, direction: 'center', className: 'zone-label' });
      }
      shape.addTo(zoneLayer);
      if (district) {
        map.fitBounds(shape.getBounds(), { padding: [10, 10] });
      }
    });
  }

  function drawProjects(collection) {
    L.geoJSON(collection, {
      style: function (f) { return { color: STAGE_COLOURS[f.properties.stage], weight: 4, className: 'project' }; },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 6, color: '#fff', weight: 1.5, fillOpacity: 0.9,
          fillColor: STAGE_COLOURS[f.properties.stage], className: 'project' });
      },
      onEachFeature: function (f, layer) {
        layer.bindPopup(popup(f.properties, [['stage', 'stage'], ['category', 'category'],
          ['investment', 'investment_wan'], ['unit', 'responsible_unit'], ['zone', 'zone']]));
      }
    }).addTo(projectLayer);
  }

  function legend() {
    var control = L.control({ position: 'bottomright' });
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'legend');
      div.innerHTML = '<strong>' + t('stage') + '</strong><br>' + Object.keys(STAGE_COLOURS).map(function (s) {
        return '<i style="background:' + STAGE_COLOURS[s] + '"></i>' + s;
      }).join('<br>');
      return div;
    };
    control.addTo(map);
  }

  document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.dataset.i18n); });
  document.title = t('title');
  document.documentElement.lang = lang;
  var switcher = document.getElementById('lang');
  switcher.textContent = t('other');
  switcher.addEventListener('click', function () {
    var params = new URLSearchParams(location.search);
    params.set('lang', lang === 'en' ? 'zh-CN' : 'en');
    location.search = params.toString();
  });
  layers.addOverlay(zoneLayer, t('zones'));
  layers.addOverlay(projectLayer, t('projects'));
  legend();

  fetchAll('zones').then(drawZones).then(function () { return fetchAll('projects'); }).then(drawProjects)
    .then(function () { document.body.dataset.loaded = 'true'; })
    .catch(function (e) { showError(e.message); document.body.dataset.loaded = 'error'; });
})();
