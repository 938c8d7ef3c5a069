/*
 * Souk's card payment page (templates/checkout/pay.html).
 *
 * Stripe's Card Element collects the card in Stripe's own frame; stripe.createToken()
 * turns it into a token, which we post to our server (payments' confirm URL). The
 * server confirms the order's PaymentIntent with it and answers JSON
 * {status, client_secret, message, redirect}. When the bank asks for 3-D Secure
 * (status "requires_action"), stripe.confirmCardPayment(client_secret) runs it; the
 * thank-you page then asks Stripe how it went. No card number reaches our server.
 *
 * Only what both real Stripe.js and localstripe's stand-in support is used: a "card"
 * element, createToken(element) and confirmCardPayment(clientSecret).
 * Configuration comes from data- attributes on #card-payment (no inline script).
 */
(function () {
  "use strict";

  var root = document.getElementById("card-payment");
  if (!root) {
    return;
  }
  var config = root.dataset;
  var form = document.getElementById("card-form");
  var status = document.getElementById("card-status");
  var button = document.getElementById("card-submit");

  function say(text, isError) {
    status.textContent = text || "";
    status.classList.toggle("text-danger", Boolean(isError));
  }

  function localPath(url) {
    // Only a path on this site: never follow a redirect to another origin.
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" &&
      url.charAt(1) !== "\\" ? url : null;
  }

  function finish(url) {
    window.location.assign(localPath(url) || config.doneUrl);
  }

  form.hidden = false;
  if (typeof window.Stripe !== "function") {
    button.disabled = true;
    say(config.msgUnavailable, true);
    return;
  }

  var stripe = window.Stripe(config.publishableKey);
  var card;
  try {
    card = stripe.elements({ locale: config.locale }).create("card", { hidePostalCode: true });
    card.mount("#card-element");
  } catch (error) {
    button.disabled = true;
    say(config.msgUnavailable, true);
    return;
  }
  card.on("change", function (event) {
    // Real Stripe passes {error, complete}; the stand-in passes nothing.
    if (event && event.error) {
      say(event.error.message, true);
    } else {
      say("");
    }
  });

  async function tokenise() {
    try {
      return await stripe.createToken(card);
    } catch (error) {
      // The stand-in throws when the fields were never typed in.
      return { error: { message: config.msgIncomplete } };
    }
  }

  async function confirmOnServer(token) {
    var body = new URLSearchParams();
    body.append("token", token);
    body.append("next", config.doneUrl);
    var response = await fetch(config.confirmUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRFToken": config.csrfToken,
      },
      body: body,
    });
    try {
      return await response.json();
    } catch (error) {
      return { status: "failed", message: config.msgFailed };
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (button.disabled) {
      return; // a second click while the first is on its way
    }
    button.disabled = true;
    say(config.msgWorking);
    try {
      var result = await tokenise();
      if (result.error || !result.token) {
        say((result.error && result.error.message) || config.msgIncomplete, true);
        button.disabled = false;
        return;
      }
      var answer = await confirmOnServer(result.token.id);
      if (answer.status === "requires_action" && answer.client_secret) {
        say(config.msgAuthenticating);
        // Whatever the bank says, the thank-you page asks Stripe for the outcome.
        await stripe.confirmCardPayment(answer.client_secret);
        finish(config.doneUrl);
      } else if (answer.status === "succeeded") {
        finish(answer.redirect);
      } else {
        say(answer.message || config.msgFailed, true);
        button.disabled = false;
      }
    } catch (error) {
      say(config.msgFailed, true);
      button.disabled = false;
    }
  });
})();
