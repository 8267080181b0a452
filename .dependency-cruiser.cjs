// The boundaries of docs/architecture.md, checked in `npm test` (`npm run boundaries`). A rule
// the code breaks is fixed in the code, not excepted here. Tests may reach across layers to set
// up and inspect (they are not part of the shape), so the server rules leave test files out.
const TESTS = '(\\.test\\.ts$|^server/test/)';

/** Folders of server/ below the HTTP layer, in the order they may depend on one another. */
const SERVICES = '^server/(imports|intake|evidencePackage|exports|reports|storage|audit|uploads|workers|notify)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-stands-alone',
      comment: 'domain/ is framework-free TypeScript shared by server and web: it imports no server/, web/, e2e/ or bench/ code.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(server|web|e2e|bench)/' },
    },
    {
      name: 'domain-needs-only-zod',
      comment: 'Outside its tests, domain/ uses no package but zod and no Node module: the browser loads it too.',
      severity: 'error',
      from: { path: '^domain/', pathNot: TESTS },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'core'], pathNot: '^node_modules/zod/' },
    },
    {
      name: 'web-never-imports-server',
      comment: 'The browser talks to the server over HTTP only; shared types and rules live in domain/.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'web-pages-on-top',
      comment: 'In the web, pages use the API clients, the upload queue, components and forms; none of those reaches back into a page (one page may use another\'s parts only through them).',
      severity: 'error',
      from: { path: '^web/(api|uploads|components|forms|i18n|auth|layout)/' },
      to: { path: '^web/pages/' },
    },
    {
      name: 'server-never-imports-web',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'sql-only-in-repositories-and-db',
      comment:
        'Kysely (query building, sql fragments, even its types) is imported only by server/repositories/ and server/db/; everyone else holds the database as the Db type and calls repositories. server/architecture.unit.test.ts also finds query-builder calls made through a Db handle elsewhere.',
      severity: 'error',
      from: { path: '^server/', pathNot: `^server/(repositories|db)/|${TESTS}` },
      to: { path: '^node_modules/kysely/' },
    },
    {
      name: 'repositories-below-rules',
      comment: 'Repositories hold SQL, not rules: they import neither policies nor anything above them; scope comes from auth/actor via repositories/scope.ts.',
      severity: 'error',
      from: { path: '^server/repositories/' },
      to: { path: '^server/(policies|commands|routes|presenters|plugins)/|' + SERVICES },
    },
    {
      name: 'db-is-the-bottom',
      comment: 'server/db/ (connection, migrations, schema, dialect, the audit chain\'s hash format) depends on nothing of the server but itself, workers and paths.',
      severity: 'error',
      from: { path: '^server/db/' },
      to: { path: '^server/', pathNot: '^server/(db|workers)/|^server/paths\\.ts$' },
    },
    {
      name: 'policies-are-pure',
      comment: 'Policies judge an actor and a subject: no database, no HTTP, no commands.',
      severity: 'error',
      from: { path: '^server/policies/', pathNot: TESTS },
      to: { path: '^server/', pathNot: '^server/(policies|auth)/|^server/errors\\.ts$' },
    },
    {
      name: 'auth-actor-is-pure',
      comment: 'The actor and its scope helpers are read by policies and repositories alike, so they import neither.',
      severity: 'error',
      from: { path: '^server/auth/' },
      to: { path: '^server/', pathNot: '^server/auth/|^server/errors\\.ts$' },
    },
    {
      name: 'presenters-read-no-database',
      comment: 'Presenters turn rows into DTOs with abilities; they may name repository row types but never run a query or a command.',
      severity: 'error',
      from: { path: '^server/presenters/' },
      to: { path: '^server/(repositories|db)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'presenters-below-commands',
      severity: 'error',
      from: { path: '^server/presenters/' },
      to: { path: '^server/(commands|routes|plugins)/' },
    },
    {
      name: 'commands-know-no-http',
      comment: 'A command is called the same way by a route, the CLI and a job runner: it imports no route, plugin or presenter.',
      severity: 'error',
      from: { path: '^server/commands/' },
      to: { path: '^server/(routes|plugins|presenters)/|^server/app\\.ts$|^server/cli(\\.ts$|/)' },
    },
    {
      name: 'services-below-commands',
      comment: 'The services that commands and routes use (imports pipeline, intake, packages, forms, storage, reports, audit, uploads, workers) call no command or route.',
      severity: 'error',
      from: { path: SERVICES },
      to: { path: '^server/(commands|routes|plugins|presenters)/|^server/app\\.ts$|^server/cli(\\.ts$|/)' },
    },
    {
      name: 'pipelines-without-database',
      comment: 'Parsing a task table and reading an evidence file run without a database (the staging worker loads no database code).',
      severity: 'error',
      from: { path: '^server/(imports|intake)/', pathNot: TESTS },
      to: { path: '^server/(db|repositories)/' },
    },
    {
      name: 'routes-only-from-app',
      comment: 'Routes are registered by server/app.ts and called by nobody else.',
      severity: 'error',
      from: { pathNot: `^server/(app\\.ts|routes/)|${TESTS}` },
      to: { path: '^server/routes/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles: with the layer rules above there are none between folders either.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (type declaration files reference tool types, e.g. vite/client, that need no resolving).',
      severity: 'error',
      from: { pathNot: '\\.d\\.ts$' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data)/' },
    tsPreCompilationDeps: true,
    // A worktree may link node_modules from elsewhere: judge packages by the path they are imported under.
    preserveSymlinks: true,
    // Resolve packages as Node does for this ESM project (some, e.g. mp4box, offer only import/require conditions).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], mainFields: ['module', 'main', 'types', 'typings'] },
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
