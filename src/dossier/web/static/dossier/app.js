// Dossier's own script: small enhancements only; every page also works without it.
// The CSP allows no inline script, so all behaviour hangs off data attributes here.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // <select data-autosubmit> sends its form as soon as the choice changes (language switch).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("select[data-autosubmit]") || !field.form) return;
    if (field.form.requestSubmit) field.form.requestSubmit();
    else field.form.submit();
  });

  // <form data-confirm="question"> asks before it is sent (revoking a token).
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  // <button data-copy="#field" data-copied="Copied"> copies the field's value.
  function copyFrom(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.focus();
    field.select();
    var copied = document.execCommand && document.execCommand("copy");
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field) return;
    var label = button.textContent;
    copyFrom(field).then(function () {
      button.textContent = button.getAttribute("data-copied") || label;
      button.classList.add("is-done");
      window.setTimeout(function () {
        button.textContent = label;
        button.classList.remove("is-done");
      }, 2000);
    }, function () {
      field.focus();
      field.select();
    });
  });

  // Open <details class="menu"> closes on a click elsewhere or on Escape.
  function closeMenus(except) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (menu !== except) menu.removeAttribute("open");
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest ? event.target.closest("details.menu") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeMenus(null);
  });

  // Error answers to htmx requests carry a readable fragment (web/_error.html): show it
  // instead of leaving the old content in place with no explanation.
  // A request that ended on the sign-in page (the session expired) loads that page whole.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var login = document.body.getAttribute("data-login-url");
    if (login && xhr.responseURL && new URL(xhr.responseURL).pathname === login) {
      event.detail.shouldSwap = false;
      window.location.assign(xhr.responseURL);
      return;
    }
    var status = xhr.status;
    if (status >= 400 && xhr.responseText) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // <input type="checkbox" data-select-all="NAME"> ticks every checkbox named NAME in its form.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-select-all]") || !box.form) return;
    var name = box.getAttribute("data-select-all");
    box.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (item) {
      item.checked = box.checked;
    });
  });

  // The customer page's tabs swap only the panel: mark the chosen tab as the current one.
  document.addEventListener("click", function (event) {
    var tab = event.target.closest && event.target.closest(".tabs .tab");
    if (!tab) return;
    tab.parentNode.querySelectorAll(".tab").forEach(function (other) {
      other.classList.toggle("is-current", other === tab);
      if (other === tab) other.setAttribute("aria-current", "page");
      else other.removeAttribute("aria-current");
    });
  });

  // <form data-upload>: dropped or chosen files go up one request each, with a progress bar,
  // then the page reloads to show them. Without script the form posts them all at once.
  function uploadOne(form, file, folder, list) {
    var item = document.createElement("li");
    item.className = "upload-item";
    item.innerHTML = '<span class="upload-name"></span><progress max="100" value="0"></progress><span class="upload-state"></span>';
    item.querySelector(".upload-name").textContent = file.name;
    list.appendChild(item);
    return new Promise(function (resolve) {
      var data = new FormData(form);
      data.delete("files");
      data.append("files", file, file.name);
      if (folder !== null) data.set("folder", folder);
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) item.querySelector("progress").value = (event.loaded / event.total) * 100;
      });
      request.addEventListener("load", function () {
        var ok = request.status === 201;
        var body = {};
        try { body = JSON.parse(request.responseText); } catch (error) { body = {}; }
        item.classList.add(ok ? "is-done" : "is-failed");
        item.querySelector("progress").value = 100;
        item.querySelector(".upload-state").textContent = ok ? "✓ " + body.files[0].name : (body.message || request.status);
        resolve(ok);
      });
      request.addEventListener("error", function () {
        item.classList.add("is-failed");
        item.querySelector(".upload-state").textContent = "✕";
        resolve(false);
      });
      request.send(data);
    });
  }

  function uploadAll(form, files, folder) {
    var list = form.querySelector("[data-upload-list]");
    var queue = Array.prototype.slice.call(files);
    var results = [];
    function next() {
      if (!queue.length) {
        if (results.every(Boolean)) window.location.reload();
        return;
      }
      uploadOne(form, queue.shift(), folder, list).then(function (ok) { results.push(ok); next(); });
    }
    next();
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-upload-input]")) return;
    uploadAll(input.form, input.files, null);
  });

  ["dragenter", "dragover"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var zone = event.target.closest && event.target.closest("[data-dropzone], [data-drop-folder]");
      if (!zone || !document.querySelector("form[data-upload]")) return;
      event.preventDefault();
      zone.classList.add(zone.hasAttribute("data-dropzone") ? "is-over" : "is-drop-target");
    });
  });
  document.addEventListener("dragleave", function (event) {
    var zone = event.target.closest && event.target.closest("[data-dropzone], [data-drop-folder]");
    if (zone) zone.classList.remove("is-over", "is-drop-target");
  });
  document.addEventListener("drop", function (event) {
    var zone = event.target.closest && event.target.closest("[data-dropzone], [data-drop-folder]");
    var form = document.querySelector("form[data-upload]");
    if (!zone || !form || !event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    zone.classList.remove("is-over", "is-drop-target");
    uploadAll(form, event.dataTransfer.files, zone.getAttribute("data-drop-folder"));
  });
})();
