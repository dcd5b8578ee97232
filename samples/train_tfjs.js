// A small TensorFlow.js classifier trained from scratch, then reused for transfer learning.
// Hover terms such as learningRate, batchSize, epochs, dropout or softmax.
const tf = require('@tensorflow/tfjs');

const learningRate = 0.001;
const batchSize = 64;
const epochs = 20;

function buildModel(inputDim, numClasses) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputDim], units: 64, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: numClasses, activation: 'softmax' }));
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

async function main() {
  const xs = tf.randomNormal([512, 16]);
  const labels = tf.oneHot(tf.randomUniform([512], 0, 3, 'int32'), 3);
  const model = buildModel(16, 3);
  const history = await model.fit(xs, labels, {
    batchSize,
    epochs,
    validationSplit: 0.2, // hold out a validation set
    callbacks: tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 3 }),
  });
  console.log('final training loss', history.history.loss.at(-1));

  // Transfer learning: freeze the first layer and fine-tune only the new head.
  model.layers[0].trainable = false;
  tf.dispose([xs, labels]);
}

main();
