// Draws each chart of the page from its JSON figure (json_script); a click on a bar or slice
// opens the commitment list filtered to it, whose URL the figure carries as customdata.
"use strict";

function pointUrl(point) {
  // Pie points carry their customdata wrapped in an array, bar points carry it bare.
  return [].concat(point.customdata)[0];
}

function drawChart(element) {
  const figure = JSON.parse(document.getElementById(element.dataset.figure).textContent);
  return Plotly.newPlot(element, figure.data, figure.layout, figure.config).then(() => {
    element.closest("figure").classList.add("has-chart");
    element.closest("figure").querySelector("details.chart-table").open = false;
    element.on("plotly_click", (event) => {
      const url = pointUrl(event.points[0]);
      if (url) window.location.assign(url);
    });
  });
}

document.querySelectorAll("[data-figure]").forEach(drawChart);
