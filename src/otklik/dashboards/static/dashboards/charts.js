/* Draws every chart on the page from its Vega-Lite spec (the same spec the PDF uses).
   `ast: true` makes vega-embed evaluate expressions with Vega's interpreter (bundled)
   instead of `new Function`: no 'unsafe-eval' in the CSP;
   no injected <style> (defaultStyle/disableDefaultStyle): the styles are in charts.css. */
(function () {
  "use strict";

  function fail(figure) {
    figure.classList.add("chart-error");
    var note = figure.querySelector(".chart-failed");
    if (note) note.hidden = false;
    var table = figure.querySelector("details.chart-table");
    if (table) table.open = true;
  }

  function draw(figure) {
    var source = document.getElementById(figure.getAttribute("data-vega-chart"));
    var canvas = figure.querySelector(".chart-canvas");
    if (!source || !canvas || !window.vegaEmbed) {
      fail(figure);
      return;
    }
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (e) {
      fail(figure);
      return;
    }
    // The title is the figure's caption on the page (it wraps on a narrow screen);
    // the spec keeps it for documents (charts.to_svg).
    delete spec.title;
    window.vegaEmbed(canvas, spec, {
      renderer: "svg",
      actions: false,
      defaultStyle: false,
      ast: true,
      tooltip: { disableDefaultStyle: true }
    }).then(function () {
      figure.classList.add("chart-drawn");
    }).catch(function (error) {
      if (window.console) console.error(error);
      fail(figure);
    });
  }

  function drawAll() {
    var figures = document.querySelectorAll("figure[data-vega-chart]");
    for (var i = 0; i < figures.length; i++) draw(figures[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
