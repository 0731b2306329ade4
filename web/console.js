/*
 * The agents' console: the script cards of the assistant laid out to be read at a glance, and
 * « Copier le résumé », a plain-text summary for the person. Loaded after chat.js, before the chat
 * starts; every text is put in the page as text.
 */
(function () {
  "use strict";

  var h = window.LeHavreChat.helpers;
  var STATUS = { confirmed: "", computed: "calculé, à vérifier", unconfirmed: "non confirmé, à vérifier" };

  function list(items, className) {
    var ul = h.el("ul", className);
    items.forEach(function (item) { ul.appendChild(h.append(h.el("li"), [h.linkedText(item)])); });
    return ul;
  }

  function section(title, content, className) {
    if (!content) return null;
    return h.append(h.el("section", "sc-section " + (className || "")), [h.el("h4", "sc-heading", title), content]);
  }

  function figureText(figure) {
    var text = h.frenchNumber(figure.value) + " " + figure.unit + " " + figure.label;
    if (figure.income_year) text += " (revenus " + figure.income_year + ")";
    return text + ", depuis le " + h.frenchDate(figure.effective);
  }

  function figureWarning(figure) {
    var parts = [STATUS[figure.status] || "à vérifier"].filter(Boolean);
    if (figure.stale) parts.push("plus de 13 mois");
    return parts.join(", ");
  }

  function figures(card) {
    var shown = (card.figures || []).filter(function (f) { return f && typeof f.value === "number"; });
    if (!shown.length) return null;
    var ul = h.el("ul", "sc-figures");
    shown.forEach(function (figure) {
      var warning = figureWarning(figure);
      ul.appendChild(h.append(h.el("li"), [document.createTextNode(figureText(figure) + " "),
        warning ? h.badge(warning, "check") : null]));
    });
    return ul;
  }

  function checklist(documents) {
    if (!documents.length) return h.el("p", null, "Aucune liste de pièces dans nos sources : la CAF la donne au moment de la demande.");
    var ul = h.el("ul", "sc-checklist");
    documents.forEach(function (text) {
      var box = h.el("input");
      box.type = "checkbox";
      ul.appendChild(h.append(h.el("li"), [h.append(h.el("label"), [box, document.createTextNode(" " + text)])]));
    });
    return ul;
  }

  function sources(card) {
    var ul = h.el("ul", "sc-sources");
    (card.sources || []).forEach(function (source) {
      ul.appendChild(h.append(h.el("li"), [h.link(source.url, source.title || source.url),
        source.status !== "confirmed" ? document.createTextNode(" ") : null,
        source.status !== "confirmed" ? h.badge("adresse à vérifier", "check") : null]));
    });
    if (card.legal) ul.appendChild(h.el("li", null, "Référence : " + card.legal));
    return ul;
  }

  /** The plain-text summary handed to the person (what to know, documents, where to go, sources). */
  function summary(card) {
    var lines = [card.title + (card.body ? " (" + card.body + ")" : ""), ""];
    var add = function (title, items) {
      if (!items.length) return;
      lines.push(title);
      items.forEach(function (item) { lines.push("- " + item); });
      lines.push("");
    };
    add("À retenir :", card.say || []);
    add("Pièces à préparer :", card.documents || []);
    add("Où s'adresser :", card.send_to || []);
    add("Pour en savoir plus :", (card.sources || []).filter(function (s) { return h.safeUrl(s.url); })
      .map(function (s) { return s.title + " : " + s.url; }));
    lines.push("Informations générales vérifiées le " + h.frenchDate(card.checked) +
      " ; votre situation personnelle peut changer la réponse.");
    return lines.join("\n");
  }

  function copyButton(card, status, summarise) {
    var button = h.el("button", "lhc-button sc-copy", "Copier le résumé");
    button.type = "button";
    button.addEventListener("click", function () {
      var text = (summarise || summary)(card);
      var fallback = function () {
        var area = h.el("textarea", "sc-manual-copy");
        area.value = text;
        area.readOnly = true;
        area.setAttribute("aria-label", "Résumé à copier");
        status.textContent = "Copie automatique impossible : le résumé est affiché ci-dessous, sélectionnez-le et copiez-le (Ctrl+C).";
        status.after(area);
        area.select();
      };
      if (!navigator.clipboard || !navigator.clipboard.writeText) return fallback();
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = "Résumé copié : vous pouvez le coller dans un message ou l'imprimer.";
      }, fallback);
    });
    return button;
  }

  function scriptCard(card) {
    var status = h.el("p", "sc-copy-status");
    status.setAttribute("role", "status");
    var head = h.append(h.el("div", "sc-head"), [
      h.el("h3", "sc-title", card.title),
      h.el("p", "sc-meta", (card.body ? card.body + " — " : "") + "fiche vérifiée le " + h.frenchDate(card.checked)),
      copyButton(card, status),
      status,
    ]);
    var grid = h.append(h.el("div", "sc-grid"), [
      section("À dire", list(card.say || []), "sc-say"),
      section("À demander", list(card.ask || []), "sc-ask"),
      section("Pièces à préparer", checklist(card.documents || []), "sc-documents"),
      section("Orienter vers", list(card.send_to || []), "sc-send"),
      section("Montants et plafonds", figures(card), "sc-money"),
      section("Sources", sources(card), "sc-sources-section"),
    ]);
    return h.append(h.el("article", "sc-card"), [head, grid]);
  }

  window.LeHavreChat.renderers.script_card = { render: scriptCard, replacesText: true };

  /* ---------- the rights screening card (« à quoi ai-je droit ? » asked for a person) ---------- */

  function rightText(right) {
    return right.title + " : environ " + h.frenchNumber(Math.round(Number(right.amount) || 0)) + " €" +
      " " + (right.when || "par mois") + (right.why ? " — " + right.why : "");
  }

  function rightsList(card) {
    var rights = (card.rights || []).filter(function (r) { return r && r.title; });
    if (!rights.length) return h.el("p", null, "Aucun droit trouvé ce mois-ci avec ces informations.");
    var ul = h.el("ul", "sc-rights");
    rights.forEach(function (right) {
      ul.appendChild(h.append(h.el("li"), [document.createTextNode(rightText(right) + " "), h.badge("estimation", "check"),
        right.legal ? h.el("span", "sc-legal", " Référence : " + right.legal) : null]));
    });
    return ul;
  }

  function estimateLine(card) {
    return "Estimation du " + h.frenchDate(card.computed) + " pour le mois du " + h.frenchDate(card.month) + ", avec " +
      (card.engine || "OpenFisca-France") + " " + (card.version || "") + " ; seule la CAF décide.";
  }

  /** The plain-text summary handed to the person: the situation retained, the rights, documents, where to go. */
  function rightsSummary(card) {
    var lines = ["Vos droits possibles (estimation)", ""];
    var add = function (title, items) {
      if (!items.length) return;
      lines.push(title);
      items.forEach(function (item) { lines.push("- " + item); });
      lines.push("");
    };
    add("Votre situation :", card.facts || []);
    add("Droits possibles :", (card.rights || []).map(rightText));
    add("Non calculé :", card.not_computed || []);
    add("Pièces à préparer :", card.documents || []);
    add("Où s'adresser :", card.send_to || []);
    lines.push(estimateLine(card));
    return lines.join("\n");
  }

  function rightsCard(card) {
    var status = h.el("p", "sc-copy-status");
    status.setAttribute("role", "status");
    var head = h.append(h.el("div", "sc-head"), [
      h.el("h3", "sc-title", card.title || "Droits possibles"),
      h.el("p", "sc-meta", estimateLine(card)),
      copyButton(card, status, rightsSummary),
      status,
    ]);
    var missing = card.not_computed || [];
    var grid = h.append(h.el("div", "sc-grid"), [
      section("Situation retenue", list(card.facts || []), "sc-ask"),
      section("Droits possibles", rightsList(card), "sc-say"),
      missing.length ? section("Non calculé", list(missing), "sc-money") : null,
      section("Pièces à préparer", checklist(card.documents || []), "sc-documents"),
      section("Orienter vers", list(card.send_to || []), "sc-send"),
    ]);
    return h.append(h.el("article", "sc-card"), [head, grid]);
  }

  window.LeHavreChat.renderers.rights_card = { render: rightsCard, replacesText: true };
})();
