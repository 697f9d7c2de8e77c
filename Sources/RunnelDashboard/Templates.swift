/// The Mustache templates of the pages (registered from these strings: no resource bundle).
enum Templates {
    /// Name → template.
    static let all: [String: String] = [
        "layout": layout, "problem": problem, "signin": signin,
        "workflows": workflows, "workflow": workflow, "runs": runs, "run": run, "run-live": runLive,
        "approvals": approvals, "versions": versions, "status": status,
    ]

    static let layout = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Runnel</title>
        <link rel="stylesheet" href="/dashboard/assets/app.css"><link rel="icon" href="/dashboard/assets/icon.svg" type="image/svg+xml">
        <script src="/dashboard/assets/app.js" defer></script></head>
        <body>
        {{#noAuth}}<div class="banner" role="alert">--no-auth: this server takes requests from anyone who can reach it, with no API key.</div>{{/noAuth}}
        <header class="top"><a class="brand" href="/dashboard">Runnel</a>
        {{#signedIn}}<nav>{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}</nav>{{/signedIn}}
        <div class="who">{{#signedIn}}<button type="button" id="tz-toggle" class="link" hidden>Times: UTC</button>
        <span id="viewer">{{viewerName}}</span>{{^noAuth}}<form method="post" action="/dashboard/signout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="link" id="signout">Sign out</button></form>{{/noAuth}}{{/signedIn}}</div></header>
        <main id="main">
        {{#flash}}<p class="flash{{#isError}} error{{/isError}}" role="status" id="flash">{{text}}</p>{{/flash}}
        {{{content}}}
        </main></body></html>

        """

    static let problem = """
        <h1>{{code}}</h1><p class="error-text" id="problem">{{message}}</p><p><a href="/dashboard">Back to the dashboard</a></p>
        """

    static let signin = """
        <div class="signin"><h1>Sign in</h1>
        <p class="muted">With an API key (<code>runnel keys create NAME --scopes read,run</code>). The key stays on the server, in this session; pages show what its scopes allow.</p>
        {{#error}}<p class="flash error" id="signin-error">{{error}}</p>{{/error}}
        <form method="post" action="/dashboard/signin">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="next" value="{{next}}">
        <p><label>API key <input type="password" name="key" id="key" autocomplete="current-password" required autofocus></label></p>
        <p><button type="submit" class="primary" id="signin">Sign in</button></p>
        </form></div>
        """
}
