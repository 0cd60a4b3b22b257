// A long list of check boxes (the 64 parishes) gets a box that filters it as you type;
// the boxes already ticked always stay in view. Without this script, the whole list shows.
(function () {
  "use strict";
  document.querySelectorAll("div.filterable").forEach(function (group, index) {
    var options = Array.prototype.slice.call(group.querySelectorAll("label"));
    var id = "filter-" + (group.id || index);
    var wrapper = document.createElement("p");
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Type to find in this list";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", group.id);
    var count = document.createElement("small");
    count.setAttribute("aria-live", "polite");
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(count);
    group.parentNode.insertBefore(wrapper, group);
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      var shown = 0;
      options.forEach(function (option) {
        var box = option.querySelector("input");
        var match = !wanted || option.textContent.toLowerCase().indexOf(wanted) !== -1;
        var visible = match || (box && box.checked);
        option.parentNode.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = wanted ? shown + " of " + options.length + " shown" : "";
    });
  });
})();
