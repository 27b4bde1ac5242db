'use strict';
// Artillery loads an engine named `rolecall` as the package `artillery-engine-rolecall`
// and expects the class as the module's value. The virtual users themselves are an ES
// module (dist/runVirtualUser.js), loaded on the first scenario.
class RolecallEngine {
  constructor(script, ee, helpers) {
    this.script = script;
    this.ee = ee;
    this.helpers = helpers;
    this.config = (script.config.engines && script.config.engines.rolecall) || {};
  }

  createScenario(scenarioSpec, ee) {
    const options = Object.assign({}, this.config, scenarioSpec.rolecall || {});
    const target = this.script.config.target;
    return (context, callback) => {
      ee.emit('started');
      import('./dist/runVirtualUser.js')
        .then((m) => m.runVirtualUser({ target, options, emit: (type, name, value) => ee.emit(type, name, value) }))
        .then(
          () => callback(null, context),
          (error) => callback(error, context),
        );
    };
  }
}

module.exports = RolecallEngine;
