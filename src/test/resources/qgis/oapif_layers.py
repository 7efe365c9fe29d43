"""Loads OGC API - Features collections into PyQGIS as QGIS itself does (provider OAPIF), then reports.

Run by luqiao.map.support.PyQgis with one argument, a JSON plan:
  {"base": "http://host:port/ogc",                      the service URL as a user types it
   "auth": null | {"method": "Basic", "username": .., "password": ..}
               | {"method": "EsriToken", "token": ..},  a QGIS authentication configuration
   "layers": [{"key": .., "url": .., "typename": .., "subset": null | "QGIS expression",
               "outline": false | true (drawn as a grey outline, for context),
               "count": true | false (false: do not download every feature to count them)}],
   "render": null | {"png": path, "layers": [keys, bottom first], "size": [w, h]}}
and prints one line "RESULT <json>": per layer its validity, QGIS geometry type, feature count
(by iterating, so a subset string counts what QGIS shows) and field names;
per rendered layer its non-transparent pixels; every URL QGIS requested and QGIS's log messages.
It asserts nothing: the JUnit side compares with the server's own answers.
"""
import json
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsNetworkAccessManager,
    QgsNetworkRequestParameters,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage

OUTLINE = {"color": "0,0,0,0", "outline_color": "150,150,150", "outline_width": "0.3"}
SYMBOLS = {
    QgsWkbTypes.PointGeometry: lambda: QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "220,40,40", "outline_color": "120,0,0", "size": "3.2"}),
    QgsWkbTypes.LineGeometry: lambda: QgsLineSymbol.createSimple({"color": "30,90,200", "width": "1.2"}),
    QgsWkbTypes.PolygonGeometry: lambda: QgsFillSymbol.createSimple(
        {"color": "60,170,80,170", "outline_color": "20,100,40", "outline_width": "0.5"}),
}


def auth_config(auth):
    """Stores the plan's credential in QGIS's authentication database; returns its id."""
    manager = QgsApplication.authManager()
    manager.setMasterPassword("luqiao-test-master", True)
    config = QgsAuthMethodConfig()
    config.setName("luqiao")
    config.setMethod(auth["method"])
    for key, value in auth.items():
        if key != "method":
            config.setConfig(key, value)
    if not manager.storeAuthenticationConfig(config)[0]:
        raise SystemExit("QGIS did not store the authentication configuration")
    return config.id()


def layer_uri(base, spec, authcfg):
    uri = "url='%s' typename='%s'" % (spec.get("url", base), spec["typename"])
    if authcfg:
        uri += " authcfg='%s'" % authcfg
    return uri


def painted_pixels(image):
    """Pixels of an ARGB32 image that are not fully transparent."""
    data = image.constBits().asstring(image.sizeInBytes())
    alpha = data[3::4]
    return len(alpha) - alpha.count(0)


def render(layers, size, background):
    settings = QgsMapSettings()
    settings.setLayers(list(reversed(layers)))  # QGIS draws the last of the list first
    settings.setDestinationCrs(layers[0].crs())
    extent = QgsRectangle()
    for layer in layers:
        extent.combineExtentWith(layer.extent())
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(size[0], size[1]))
    settings.setBackgroundColor(background)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage().convertToFormat(QImage.Format_ARGB32)


def main():
    plan = json.loads(sys.argv[1])
    app = QgsApplication([], False)
    app.initQgis()
    requested = []
    messages = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, tag, level: messages.append(tag + ": " + text))
    QgsNetworkAccessManager.instance().requestAboutToBeCreated[QgsNetworkRequestParameters].connect(
        lambda p: requested.append(p.request().url().toString()))
    authcfg = auth_config(plan["auth"]) if plan.get("auth") else None

    result = {"layers": {}, "pixels": {}}
    layers = {}
    for spec in plan["layers"]:
        layer = QgsVectorLayer(layer_uri(plan["base"], spec, authcfg), spec["key"], "OAPIF")
        report = {"valid": layer.isValid()}
        if layer.isValid():
            if spec.get("subset"):
                report["subsetAccepted"] = layer.setSubsetString(spec["subset"])
            report["geometryType"] = QgsWkbTypes.displayString(layer.wkbType())
            if spec.get("count", True):
                report["count"] = sum(1 for _ in layer.getFeatures())
            report["fields"] = [f.name() for f in layer.fields()]
            layers[spec["key"]] = layer
        result["layers"][spec["key"]] = report

    shown = plan.get("render")
    if shown:
        chosen = [layers[key] for key in shown["layers"]]
        outlined = {spec["key"] for spec in plan["layers"] if spec.get("outline")}
        for key, layer in zip(shown["layers"], chosen):
            symbol = QgsFillSymbol.createSimple(OUTLINE) if key in outlined else SYMBOLS[layer.geometryType()]()
            layer.renderer().setSymbol(symbol)
        for key, layer in zip(shown["layers"], chosen):
            result["pixels"][key] = painted_pixels(render([layer], shown["size"], QColor(0, 0, 0, 0)))
        image = render(chosen, shown["size"], QColor(255, 255, 255))
        os.makedirs(os.path.dirname(shown["png"]), exist_ok=True)
        result["saved"] = image.save(shown["png"], "PNG")

    app.processEvents()
    result["requests"] = requested
    result["messages"] = messages
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    # Leave at once: QGIS 3.22's exitQgis() crashes while the OAPIF provider's threads are still alive.
    os._exit(0)


if __name__ == "__main__":
    main()
