package io.github.dwgan.loss;

/** Chooses the adversarial objective. */
public enum AdversarialLoss {
    /**
     * Wasserstein loss with gradient penalty (Gulrajani et al. 2017), StarGAN's default: D
     * minimises mean(D(fake)) - mean(D(real)) + lambda_gp * GP, G minimises -mean(D(fake)).
     */
    WGAN_GP,
    /**
     * The log-likelihood objective of DepthwiseGANs' equation 3 (the original GAN loss) on the
     * patch logits: D minimises BCE(real, 1) + BCE(fake, 0); G minimises BCE(fake, 1), the
     * non-saturating form of minimising log(1 - D(G(x, c))), as is standard practice.
     */
    LOG_LIKELIHOOD
}
