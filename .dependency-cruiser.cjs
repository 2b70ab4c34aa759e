/**
 * Layering, as a checked rule (ARCHITECTURE.md § Layers). Each layer may import only layers to
 * its left:  data ← audit ← governance ← gateway ← execution ← workflows ← ipc, cli ← index.
 * providers stand beside the line: only the gateway (and the doctor's health check) imports them,
 * and they import nothing above data. The renderer imports nothing from main/ but types.
 */
const order = [
  'main/data',
  'main/audit',
  'main/governance',
  'main/gateway',
  'main/execution',
  'main/workflows',
  'main/appliance',
  'main/doctor',
  'main/(ipc|cli)',
  'main/(index|shell)',
];

const layerRules = order.slice(0, -1).map((layer, index) => ({
  name: `layer:${layer.replace(/[()|]/g, '')}`,
  comment: `${layer} is a lower layer: it may not import ${order.slice(index + 1).join(', ')}`,
  severity: 'error',
  from: { path: `^${layer}(/|\\.ts$)` },
  to: { path: `^(${order.slice(index + 1).join('|')})(/|\\.ts$)` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'providers-only-from-gateway',
      comment: 'The gateway is the only path to a model; the doctor may probe the local model.',
      severity: 'error',
      from: { path: '^main/', pathNot: '^main/(gateway|providers|doctor)/' },
      to: { path: '^main/providers/' },
    },
    {
      name: 'providers-import-only-data',
      severity: 'error',
      from: { path: '^main/providers/' },
      to: { path: '^main/', pathNot: '^main/(providers|data)/' },
    },
    {
      name: 'models-are-standalone',
      comment: 'models/ (manifest, generator) is used by main/, never the other way round.',
      severity: 'error',
      from: { path: '^models/' },
      to: { path: '^(main|renderer|preload)/' },
    },
    {
      name: 'renderer-imports-main-types-only',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload|native|models)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'main-never-imports-renderer',
      severity: 'error',
      from: { path: '^(main|preload)/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'preload-imports-only-the-contract',
      severity: 'error',
      from: { path: '^preload/' },
      to: { path: '^main/', pathNot: '^main/ipc/contract\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(out|node_modules|native/build)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
