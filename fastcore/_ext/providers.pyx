# cython: language_level=3
"""The provider table, and `get_llm_provider`: model string -> (model, provider, key, base).

Every provider fastcore knows is one row of PROVIDER_TABLE. Resolution of a
model string is split in two: the routing (which provider, which model id) is
a pure function of (model, custom_llm_provider) and is cached; the credentials
(api_key / api_base defaults read from the environment) are filled per call,
because the environment can change between calls.
"""
import os

from libc.stdlib cimport getenv, malloc

cdef extern from "Python.h":
    const char *PyUnicode_AsUTF8(object unicode) except NULL
    object PyUnicode_DecodeFSDefault(const char *s)

from fastcore._ext.safety cimport plain_str

from fastcore.exceptions import BadRequestError
from fastcore.redact import redact_url, short_repr

# ---------------------------------------------------------------------------
# Declarative table
# ---------------------------------------------------------------------------

WIRE_NAMES = ("openai", "azure", "anthropic", "gemini", "vertex_ai", "bedrock", "cohere",
              "ollama", "huggingface", "watsonx", "replicate", "sagemaker", "native")

cdef enum Resolve:
    R_NONE = 0      # leave api_base / api_key as the caller gave them
    R_ENV           # base = arg or env or default; key = arg or env or key_default
    R_KEY_ONLY      # as R_ENV for the key; the base is left as given
    R_MISTRAL       # R_ENV, and the base always ends in /v1
    R_GUARDED       # R_ENV, but env keys only go to the default base (no key leak to a custom base)
    R_NADIR         # env key only when the base is the configured/default one
    R_BASETEN       # dedicated-deployment ids get their own base URL
    R_DATAROBOT     # the base gets the LLM-gateway path appended
    R_AZURE_AI      # R_ENV, and OpenAI models on an Azure OpenAI base become provider azure
    R_RAGFLOW       # R_ENV, model id keeps its "ragflow/" prefix and must be well formed

cdef enum Flag:
    F_LISTED = 1        # in LiteLLM's provider_list
    F_JSON = 2          # an OpenAI-compatible provider described only by data in LiteLLM
    F_MODEL_NAME = 4    # the name is also a model name, so "name/x" skips the table resolution

# Short spellings for the table's flags column.
L = F_LISTED
J = F_JSON
LJ = F_LISTED | F_JSON

# name, wire, resolve, default api_base, api_base env vars, api_key env vars, key default, flags
PROVIDER_TABLE = (
    # R_NONE rows may still name the base and key a real call falls back to.
    ("openai", "openai", R_NONE, "https://api.openai.com/v1", ("OPENAI_BASE_URL", "OPENAI_API_BASE"),
     ("OPENAI_API_KEY",), None, L),
    ("chatgpt", "openai", R_NONE, None, (), (), None, L),
    ("openai_like", "openai", R_NONE, None, (), (), None, L),
    ("jina_ai", "openai", R_ENV, "https://api.jina.ai/v1", ("JINA_AI_API_BASE",),
     ("JINA_AI_API_KEY", "JINA_API_KEY", "JINA_AI_TOKEN"), None, L),
    ("xai", "openai", R_ENV, "https://api.x.ai/v1", ("XAI_API_BASE",), ("XAI_API_KEY",), None, L),
    ("zai", "openai", R_ENV, "https://api.z.ai/api/paas/v4", ("ZAI_API_BASE",), ("ZAI_API_KEY",), None, L),
    ("custom_openai", "openai", R_NONE, None, (), (), None, L),
    ("text-completion-openai", "openai", R_NONE, None, (), (), None, L),
    ("cohere", "cohere", R_NONE, None, (), (), None, L),
    ("cohere_chat", "cohere", R_NONE, None, (), (), None, L),
    ("clarifai", "openai", R_ENV, "https://api.clarifai.com/v2/ext/openai/v1", (), ("CLARIFAI_API_KEY",), "", L),
    ("anthropic", "anthropic", R_NONE, None, (), (), None, L),
    ("anthropic_text", "anthropic", R_NONE, None, (), (), None, L),
    ("bytez", "native", R_NONE, None, (), (), None, L),
    ("replicate", "replicate", R_NONE, None, (), (), None, L),
    ("reducto", "native", R_NONE, None, (), (), None, L),
    ("aws_textract", "native", R_NONE, None, (), (), None, L),
    ("runwayml", "native", R_NONE, None, (), (), None, L),
    ("aws_polly", "native", R_NONE, None, (), (), None, L),
    ("transcribe", "native", R_NONE, None, (), (), None, L),
    ("huggingface", "huggingface", R_NONE, None, (), (), None, L),
    ("together_ai", "openai", R_ENV, "https://api.together.ai/v1", ("TOGETHER_AI_API_BASE",),
     ("TOGETHER_API_KEY", "TOGETHER_AI_API_KEY", "TOGETHERAI_API_KEY", "TOGETHER_AI_TOKEN"), None, L),
    ("openrouter", "openai", R_NONE, None, (), (), None, L),
    ("datarobot", "openai", R_DATAROBOT, "https://app.datarobot.com", ("DATAROBOT_ENDPOINT",),
     ("DATAROBOT_API_TOKEN",), "fake-api-key", L),
    ("vertex_ai", "vertex_ai", R_NONE, None, (), (), None, L),
    ("vertex_ai_beta", "vertex_ai", R_NONE, None, (), (), None, L),
    ("gemini", "gemini", R_NONE, None, (), (), None, L),
    ("ai21", "native", R_NONE, None, (), (), None, L),
    ("baseten", "openai", R_BASETEN, "https://inference.baseten.co/v1", ("BASETEN_API_BASE",),
     ("BASETEN_API_KEY",), None, L),
    ("black_forest_labs", "native", R_NONE, None, (), (), None, L),
    ("azure", "azure", R_NONE, None, ("AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT"),
     ("AZURE_OPENAI_API_KEY", "AZURE_API_KEY"), None, L),
    ("azure_text", "azure", R_NONE, None, ("AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT"),
     ("AZURE_OPENAI_API_KEY", "AZURE_API_KEY"), None, L),
    ("azure_ai", "openai", R_AZURE_AI, None, ("AZURE_AI_API_BASE",), ("AZURE_AI_API_KEY",), None, L),
    ("sagemaker", "sagemaker", R_NONE, None, (), (), None, L),
    ("sagemaker_chat", "sagemaker", R_NONE, None, (), (), None, L),
    ("sagemaker_nova", "sagemaker", R_NONE, None, (), (), None, L),
    ("bedrock", "bedrock", R_NONE, None, (), (), None, L),
    ("vllm", "native", R_NONE, None, (), (), None, L),
    ("nlp_cloud", "native", R_NONE, None, (), (), None, L),
    ("petals", "native", R_NONE, None, (), (), None, L),
    ("oobabooga", "native", R_NONE, None, (), (), None, L),
    ("ollama", "ollama", R_ENV, "http://localhost:11434", ("OLLAMA_API_BASE",), ("OLLAMA_API_KEY",), None, L),
    ("ollama_chat", "ollama", R_NONE, None, (), (), None, L),
    ("deepinfra", "openai", R_ENV, "https://api.deepinfra.com/v1/openai", ("DEEPINFRA_API_BASE",),
     ("DEEPINFRA_API_KEY",), None, L),
    ("perplexity", "openai", R_ENV, "https://api.perplexity.ai", ("PERPLEXITY_API_BASE",),
     ("PERPLEXITYAI_API_KEY", "PERPLEXITY_API_KEY"), None, L),
    ("typesafe", "native", R_NONE, None, (), (), None, L),
    ("strands_decider", "native", R_NONE, None, (), (), None, L),
    ("mistral", "openai", R_MISTRAL, "https://api.mistral.ai/v1", ("MISTRAL_AZURE_API_BASE",),
     ("MISTRAL_AZURE_API_KEY", "MISTRAL_API_KEY"), None, L),
    ("milvus", "native", R_NONE, None, (), (), None, L),
    ("groq", "openai", R_ENV, "https://api.groq.com/openai/v1", ("GROQ_API_BASE",), ("GROQ_API_KEY",), None, L),
    ("a2a", "native", R_NONE, None, (), (), None, L),
    ("gigachat", "native", R_ENV, "https://gigachat.devices.sberbank.ru/api/v1", ("GIGACHAT_API_BASE",),
     ("GIGACHAT_API_KEY",), None, L),
    ("nvidia_nim", "openai", R_ENV, "https://integrate.api.nvidia.com/v1", ("NVIDIA_NIM_API_BASE",),
     ("NVIDIA_NIM_API_KEY",), None, L),
    ("nvidia_riva", "native", R_ENV, None, ("NVIDIA_RIVA_API_BASE",),
     ("NVIDIA_RIVA_API_KEY", "NVIDIA_NIM_API_KEY"), None, L),
    ("soniox", "native", R_ENV, "https://api.soniox.com", ("SONIOX_API_BASE",), ("SONIOX_API_KEY",), None, L),
    ("cerebras", "openai", R_ENV, "https://api.cerebras.ai/v1", ("CEREBRAS_API_BASE",),
     ("CEREBRAS_API_KEY",), None, L),
    ("nadir", "openai", R_NADIR, "https://api.getnadir.com/v1", ("NADIR_API_BASE",), ("NADIR_API_KEY",), None, L),
    ("ai21_chat", "openai", R_ENV, "https://api.ai21.com/studio/v1", ("AI21_API_BASE",), ("AI21_API_KEY",), None, L),
    ("volcengine", "openai", R_ENV, "https://ark.cn-beijing.volces.com/api/v3", ("VOLCENGINE_API_BASE",),
     ("VOLCENGINE_API_KEY",), None, L),
    ("codestral", "openai", R_ENV, "https://codestral.mistral.ai/v1", ("CODESTRAL_API_BASE",),
     ("CODESTRAL_API_KEY",), None, L),
    ("text-completion-codestral", "openai", R_NONE, None, (), (), None, L),
    ("dashscope", "openai", R_ENV, "https://dashscope.aliyuncs.com/compatible-mode/v1", ("DASHSCOPE_API_BASE",),
     ("DASHSCOPE_API_KEY",), None, L),
    ("qwencloud", "openai", R_ENV, "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
     ("QWENCLOUD_API_BASE",), ("QWENCLOUD_API_KEY", "DASHSCOPE_API_KEY"), None, L),
    ("qwen_ai_platform", "openai", R_ENV, "https://dashscope.aliyuncs.com/compatible-mode/v1",
     ("QWEN_AI_PLATFORM_API_BASE",), ("QWEN_AI_PLATFORM_API_KEY", "DASHSCOPE_API_KEY"), None, L),
    ("modelscope", "openai", R_ENV, "https://api-inference.modelscope.cn/v1", ("MODELSCOPE_API_BASE",),
     ("MODELSCOPE_API_KEY",), None, L),
    ("moonshot", "openai", R_ENV, "https://api.moonshot.ai/v1", ("MOONSHOT_API_BASE",), ("MOONSHOT_API_KEY",),
     None, L),
    ("publicai", "openai", R_ENV, "https://api.publicai.co/v1", ("PUBLICAI_API_BASE",), ("PUBLICAI_API_KEY",),
     None, LJ),
    ("v0", "openai", R_ENV, "https://api.v0.dev/v1", ("V0_API_BASE",), ("V0_API_KEY",), None, L),
    ("morph", "openai", R_ENV, "https://api.morphllm.com/v1", ("MORPH_API_BASE",), ("MORPH_API_KEY",), None, L),
    ("lambda_ai", "openai", R_ENV, "https://api.lambda.ai/v1", ("LAMBDA_API_BASE",), ("LAMBDA_API_KEY",), None, L),
    ("inception", "openai", R_GUARDED, "https://api.inceptionlabs.ai/v1", ("INCEPTION_API_BASE",),
     ("INCEPTION_API_KEY",), None, L),
    ("text-completion-inception", "openai", R_NONE, None, (), (), None, L),
    ("deepseek", "openai", R_ENV, "https://api.deepseek.com/beta", ("DEEPSEEK_API_BASE",), ("DEEPSEEK_API_KEY",),
     None, L),
    ("sambanova", "openai", R_ENV, "https://api.sambanova.ai/v1", ("SAMBANOVA_API_BASE",),
     ("SAMBANOVA_API_KEY",), None, L),
    ("maritalk", "native", R_NONE, None, (), (), None, L | F_MODEL_NAME),
    ("voyage", "native", R_NONE, None, (), (), None, L),
    ("cloudflare", "native", R_NONE, None, (), (), None, L),
    ("xinference", "openai", R_NONE, None, (), (), None, L),
    ("fireworks_ai", "openai", R_ENV, "https://api.fireworks.ai/inference/v1", ("FIREWORKS_API_BASE",),
     ("FIREWORKS_API_KEY", "FIREWORKS_AI_API_KEY", "FIREWORKSAI_API_KEY", "FIREWORKS_AI_TOKEN"), None, L),
    ("friendliai", "openai", R_ENV, "https://api.friendli.ai/serverless/v1", ("FRIENDLI_API_BASE",),
     ("FRIENDLIAI_API_KEY", "FRIENDLI_TOKEN"), None, L),
    ("featherless_ai", "openai", R_ENV, "https://api.featherless.ai/v1",
     ("FEATHERLESS_AI_API_BASE", "FEATHERLESS_API_BASE"), ("FEATHERLESS_AI_API_KEY", "FEATHERLESS_API_KEY"),
     None, L),
    ("watsonx", "watsonx", R_NONE, None, (), (), None, L),
    ("watsonx_text", "watsonx", R_NONE, None, (), (), None, L),
    ("triton", "native", R_NONE, None, (), (), None, L),
    ("predibase", "native", R_NONE, None, (), (), None, L),
    ("databricks", "openai", R_NONE, None, (), (), None, L),
    ("empower", "openai", R_ENV, "https://app.empower.dev/api/v1", ("EMPOWER_API_BASE",), ("EMPOWER_API_KEY",),
     None, L),
    ("github", "openai", R_ENV, "https://models.inference.ai.azure.com", ("GITHUB_API_BASE",),
     ("GITHUB_API_KEY",), None, L),
    ("ragflow", "openai", R_RAGFLOW, None, ("RAGFLOW_API_BASE",), ("RAGFLOW_API_KEY",), None, L),
    ("compactifai", "openai", R_NONE, None, (), (), None, L),
    ("docker_model_runner", "openai", R_ENV, "http://localhost:22088/engines/llama.cpp",
     ("DOCKER_MODEL_RUNNER_API_BASE",), ("DOCKER_MODEL_RUNNER_API_KEY",), "dummy-key", L),
    ("custom", "native", R_NONE, None, (), (), None, L),
    ("litellm_proxy", "openai", R_ENV, None, ("LITELLM_PROXY_API_BASE",), ("LITELLM_PROXY_API_KEY",), None, L),
    ("hosted_vllm", "openai", R_ENV, None, ("HOSTED_VLLM_API_BASE",), ("HOSTED_VLLM_API_KEY",),
     "fake-api-key", L),
    ("tencent", "openai", R_ENV, "https://tokenhub-intl.tencentcloudmaas.com/v1", ("TENCENT_API_BASE",),
     ("TENCENT_API_KEY",), None, L),
    ("llamafile", "openai", R_ENV, "http://127.0.0.1:8080/v1", ("LLAMAFILE_API_BASE",), ("LLAMAFILE_API_KEY",),
     "fake-api-key", L),
    ("lm_studio", "openai", R_ENV, None, ("LM_STUDIO_API_BASE",), ("LM_STUDIO_API_KEY",), "fake-api-key", L),
    ("galadriel", "openai", R_ENV, "https://api.galadriel.com/v1", ("GALADRIEL_API_BASE",),
     ("GALADRIEL_API_KEY",), None, L),
    ("nebius", "openai", R_ENV, "https://api.studio.nebius.ai/v1", ("NEBIUS_API_BASE",), ("NEBIUS_API_KEY",),
     None, L),
    ("infinity", "native", R_NONE, None, (), (), None, L),
    ("deepgram", "native", R_NONE, None, (), (), None, L),
    ("elevenlabs", "native", R_NONE, None, (), (), None, L),
    ("novita", "openai", R_ENV, "https://api.novita.ai/v3/openai", ("NOVITA_API_BASE",), ("NOVITA_API_KEY",),
     None, L),
    ("aiohttp_openai", "openai", R_NONE, None, (), (), None, L),
    ("langfuse", "native", R_NONE, None, (), (), None, L),
    ("humanloop", "native", R_NONE, None, (), (), None, L),
    ("topaz", "native", R_NONE, None, (), (), None, L),
    ("sap", "native", R_NONE, None, (), (), None, L),
    ("assemblyai", "openai", R_ENV, "https://llm-gateway.assemblyai.com/v1", (), ("ASSEMBLYAI_API_KEY",),
     None, LJ),
    ("azure_speech", "native", R_NONE, None, (), (), None, L),
    ("charity_engine", "openai", R_ENV, "https://api.charityengine.services/remotejobs/v2/inference", (),
     ("CHARITY_ENGINE_API_KEY",), None, LJ),
    ("github_copilot", "openai", R_NONE, None, (), (), None, L),
    ("snowflake", "native", R_KEY_ONLY, None, (), ("SNOWFLAKE_JWT",), None, L),
    ("gradient_ai", "openai", R_ENV, "https://inference.do-ai.run", ("GRADIENT_AI_AGENT_ENDPOINT",),
     ("GRADIENT_AI_API_KEY",), None, L),
    ("meta_llama", "openai", R_ENV, "https://api.llama.com/compat/v1", ("LLAMA_API_BASE",), ("LLAMA_API_KEY",),
     None, L),
    ("nscale", "openai", R_ENV, "https://inference.api.nscale.com/v1", ("NSCALE_API_BASE",),
     ("NSCALE_API_KEY",), None, L),
    ("pg_vector", "native", R_NONE, None, (), (), None, L),
    ("s3_vectors", "native", R_NONE, None, (), (), None, L),
    ("valkey", "native", R_NONE, None, (), (), None, L),
    ("mongodb", "native", R_NONE, None, (), (), None, L),
    ("helicone", "openai", R_ENV, "https://ai-gateway.helicone.ai/", (), ("HELICONE_API_KEY",), None, LJ),
    ("hyperbolic", "openai", R_ENV, "https://api.hyperbolic.xyz/v1", ("HYPERBOLIC_API_BASE",),
     ("HYPERBOLIC_API_KEY",), None, L),
    ("recraft", "native", R_NONE, None, (), (), None, L),
    ("fal_ai", "native", R_KEY_ONLY, None, (), ("FAL_AI_API_KEY",), None, L),
    ("stability", "native", R_NONE, None, (), (), None, L),
    ("heroku", "openai", R_ENV, None, ("HEROKU_API_BASE",), ("HEROKU_API_KEY",), None, L),
    ("aiml", "openai", R_ENV, "https://api.aimlapi.com/v1", ("AIML_API_BASE",), ("AIML_API_KEY",), None, L),
    ("cometapi", "openai", R_NONE, None, (), (), None, L),
    ("oci", "native", R_NONE, None, (), (), None, L),
    ("auto_router", "native", R_NONE, None, (), (), None, L),
    ("vercel_ai_gateway", "openai", R_ENV, "https://ai-gateway.vercel.sh/v1", ("VERCEL_AI_GATEWAY_API_BASE",),
     ("VERCEL_AI_GATEWAY_API_KEY", "VERCEL_OIDC_TOKEN"), None, L),
    ("edenai", "openai", R_ENV, "https://api.edenai.run/v3", ("EDENAI_API_BASE",), ("EDENAI_API_KEY",), None, L),
    ("dotprompt", "native", R_NONE, None, (), (), None, L),
    ("manus", "openai", R_ENV, "https://api.manus.im", ("MANUS_API_BASE",), ("MANUS_API_KEY",), None, L),
    ("wandb", "openai", R_ENV, "https://api.inference.wandb.ai/v1", ("WANDB_API_BASE",), ("WANDB_API_KEY",),
     None, L),
    ("ovhcloud", "openai", R_NONE, None, (), (), None, L),
    ("scaleway", "openai", R_ENV, "https://api.scaleway.ai/v1", (), ("SCW_SECRET_KEY",), None, LJ),
    ("lemonade", "openai", R_GUARDED, "http://localhost:8000/api/v1", ("LEMONADE_API_BASE",),
     ("LEMONADE_API_KEY",), "lemonade", L),
    ("amazon_nova", "openai", R_NONE, None, (), (), None, L),
    ("a2a_agent", "native", R_NONE, None, (), (), None, L),
    ("langgraph", "native", R_ENV, "http://localhost:2024", ("LANGGRAPH_API_BASE",), ("LANGGRAPH_API_KEY",),
     None, L),
    ("langflow", "native", R_NONE, None, (), (), None, L),
    ("minimax", "openai", R_NONE, None, (), (), None, L),
    ("synthetic", "openai", R_ENV, "https://api.synthetic.new/openai/v1", (), ("SYNTHETIC_API_KEY",), None, LJ),
    ("apertis", "openai", R_ENV, "https://api.stima.tech/v1", (), ("STIMA_API_KEY",), None, LJ),
    ("nano-gpt", "openai", R_ENV, "https://nano-gpt.com/api/v1", (), ("NANOGPT_API_KEY",), None, LJ),
    ("poe", "openai", R_ENV, "https://api.poe.com/v1", (), ("POE_API_KEY",), None, LJ),
    ("chutes", "openai", R_ENV, "https://llm.chutes.ai/v1/", (), ("CHUTES_API_KEY",), None, LJ),
    ("neosantara", "openai", R_ENV, "https://api.neosantara.xyz/v1", ("NEOSANTARA_API_BASE",),
     ("NEOSANTARA_API_KEY",), None, LJ),
    ("parasail", "openai", R_ENV, "https://api.parasail.io/v1", ("PARASAIL_API_BASE",), ("PARASAIL_API_KEY",),
     None, LJ),
    ("xiaomi_mimo", "openai", R_ENV, "https://api.xiaomimimo.com/v1", (), ("XIAOMI_MIMO_API_KEY",), None, LJ),
    ("tensormesh", "openai", R_ENV, "https://serverless.tensormesh.ai/v1", ("TENSORMESH_SERVERLESS_BASE_URL",),
     ("TENSORMESH_INFERENCE_API_KEY",), None, LJ),
    ("libertai", "openai", R_ENV, "https://api.libertai.io/v1", ("LIBERTAI_API_BASE",), ("LIBERTAI_API_KEY",),
     None, LJ),
    ("pinstripes", "openai", R_ENV, "https://pinstripes.io/v1", ("PINSTRIPES_API_BASE",),
     ("PINSTRIPES_API_KEY",), None, LJ),
    ("cognition", "openai", R_ENV, "https://api.cognition.ai/v1", ("COGNITION_API_BASE",),
     ("COGNITION_API_KEY",), None, LJ),
    ("cortecs", "openai", R_ENV, "https://api.cortecs.ai/v1", ("CORTECS_API_BASE",), ("CORTECS_API_KEY",),
     None, LJ),
    ("scx-ai", "openai", R_ENV, "https://api.scx.ai/v1", ("SCX_API_BASE",), ("SCX_API_KEY",), None, LJ),
    ("prism", "openai", R_ENV, "https://api.prisminference.com/v1", ("PRISM_API_BASE",), ("PRISM_API_KEY",),
     None, LJ),
    ("darkbloom", "openai", R_ENV, "https://api.darkbloom.dev/v1", ("DARKBLOOM_API_BASE",),
     ("DARKBLOOM_API_KEY",), None, LJ),
    ("meta", "openai", R_ENV, "https://api.meta.ai/v1", ("META_API_BASE",), ("META_API_KEY",), None, LJ),
    ("sail", "openai", R_ENV, "https://api.sailresearch.com/v1", ("SAIL_API_BASE",), ("SAIL_API_KEY",), None, LJ),
    ("reka", "openai", R_ENV, "https://api.reka.ai/v1", ("REKA_API_BASE",), ("REKA_API_KEY",), None, LJ),
    ("litellm_agent", "native", R_NONE, None, (), (), None, L),
    ("cursor", "native", R_NONE, None, (), (), None, L),
    ("bedrock_mantle", "openai", R_NONE, None, (), (), None, L),
    ("gdc", "native", R_NONE, None, (), (), None, L),
    # OpenAI-compatible providers LiteLLM knows only from its JSON table (not in provider_list).
    ("abliteration", "openai", R_ENV, "https://api.abliteration.ai/v1", (), ("ABLITERATION_API_KEY",), None, J),
    ("aihubmix", "openai", R_ENV, "https://aihubmix.com/v1", ("AIHUBMIX_API_BASE",), ("AIHUBMIX_API_KEY",),
     None, J),
    ("crusoe", "openai", R_ENV, "https://managed-inference-api-proxy.crusoecloud.com/v1", ("CRUSOE_API_BASE",),
     ("CRUSOE_API_KEY",), None, J),
    ("empiriolabs", "openai", R_ENV, "https://api.empiriolabs.ai/v1", ("EMPIRIOLABS_API_BASE",),
     ("EMPIRIOLABS_API_KEY",), None, J),
    ("gmi", "openai", R_ENV, "https://api.gmi-serving.com/v1", (), ("GMI_API_KEY",), None, J),
    ("llamagate", "openai", R_ENV, "https://api.llamagate.dev/v1", (), ("LLAMAGATE_API_KEY",), None, J),
    ("sarvam", "openai", R_ENV, "https://api.sarvam.ai/v1", (), ("SARVAM_API_KEY",), None, J),
    ("veniceai", "openai", R_ENV, "https://api.venice.ai/api/v1", (), ("VENICE_AI_API_KEY",), None, J),
    # Reached only through a known api_base; "anyscale/..." is not a valid prefix.
    ("anyscale", "openai", R_ENV, "https://api.endpoints.anyscale.com/v1", ("ANYSCALE_API_BASE",),
     ("ANYSCALE_API_KEY",), None, 0),
)

# Known OpenAI-compatible API bases, in the order LiteLLM tries them. Some are listed by
# LiteLLM but name no provider (None): the caller's provider, if any, is kept.
cdef enum EndpointKey:
    EK_ENV = 0          # key from env only
    EK_ARG_OR_ENV       # api_key if truthy, else env
    EK_ARG_NOT_NONE     # api_key unless None, else env
    EK_HTTPS_ENV        # env key only for an https base

ENDPOINT_TABLE = (
    ("api.perplexity.ai", "perplexity", ("PERPLEXITYAI_API_KEY",), EK_ENV),
    ("api.endpoints.anyscale.com/v1", "anyscale", ("ANYSCALE_API_KEY",), EK_ENV),
    ("api.deepinfra.com/v1/openai", "deepinfra", ("DEEPINFRA_API_KEY",), EK_ENV),
    ("api.mistral.ai/v1", "mistral", ("MISTRAL_API_KEY",), EK_ENV),
    ("codestral.mistral.ai/v1/chat/completions", "codestral", ("CODESTRAL_API_KEY",), EK_ENV),
    ("codestral.mistral.ai/v1/fim/completions", "text-completion-codestral", ("CODESTRAL_API_KEY",), EK_ENV),
    ("api.groq.com/openai/v1", "groq", ("GROQ_API_KEY",), EK_ENV),
    ("https://integrate.api.nvidia.com/v1", "nvidia_nim", ("NVIDIA_NIM_API_KEY",), EK_ENV),
    ("https://api.getnadir.com/v1", "nadir", ("NADIR_API_KEY",), EK_HTTPS_ENV),
    ("api.deepseek.com/v1", "deepseek", ("DEEPSEEK_API_KEY",), EK_ENV),
    ("api.together.ai/v1", "together_ai",
     ("TOGETHER_API_KEY", "TOGETHER_AI_API_KEY", "TOGETHERAI_API_KEY", "TOGETHER_AI_TOKEN"), EK_ARG_OR_ENV),
    ("api.together.xyz/v1", "together_ai",
     ("TOGETHER_API_KEY", "TOGETHER_AI_API_KEY", "TOGETHERAI_API_KEY", "TOGETHER_AI_TOKEN"), EK_ARG_OR_ENV),
    ("app.empower.dev/api/v1", "empower", ("EMPOWER_API_KEY",), EK_ENV),
    ("https://api.friendli.ai/serverless/v1", "friendliai", ("FRIENDLIAI_API_KEY", "FRIENDLI_TOKEN"), EK_ENV),
    ("api.sambanova.ai/v1", None, (), EK_ENV),
    ("api.x.ai/v1", None, (), EK_ENV),
    ("ollama.com", "ollama", ("OLLAMA_API_KEY",), EK_ENV),
    ("api.galadriel.ai/v1", None, (), EK_ENV),
    ("api.llama.com/compat/v1/", None, (), EK_ENV),
    ("api.featherless.ai/v1", None, (), EK_ENV),
    ("inference.api.nscale.com/v1", None, (), EK_ENV),
    ("api.studio.nebius.ai/v1", None, (), EK_ENV),
    ("https://dashscope-intl.aliyuncs.com/compatible-mode/v1", None, (), EK_ENV),
    ("https://dashscope.aliyuncs.com/compatible-mode/v1", None, (), EK_ENV),
    ("https://api-inference.modelscope.cn/v1", "modelscope", ("MODELSCOPE_API_KEY",), EK_ENV),
    ("https://api.moonshot.ai/v1", None, (), EK_ENV),
    ("https://api.publicai.co/v1", "publicai", ("PUBLICAI_API_KEY",), EK_ARG_NOT_NONE),
    ("https://api.synthetic.new/openai/v1", "synthetic", ("SYNTHETIC_API_KEY",), EK_ENV),
    ("https://serverless.tensormesh.ai/v1", "tensormesh", ("TENSORMESH_INFERENCE_API_KEY",), EK_ARG_NOT_NONE),
    ("https://api.stima.tech/v1", "apertis", ("STIMA_API_KEY",), EK_ENV),
    ("https://nano-gpt.com/api/v1", "nano-gpt", ("NANOGPT_API_KEY",), EK_ENV),
    ("https://api.poe.com/v1", "poe", ("POE_API_KEY",), EK_ENV),
    ("https://llm.chutes.ai/v1/", "chutes", ("CHUTES_API_KEY",), EK_ENV),
    ("https://api.v0.dev/v1", "v0", ("V0_API_KEY",), EK_ENV),
    ("https://api.morphllm.com/v1", None, (), EK_ENV),
    ("https://api.lambda.ai/v1", "lambda_ai", ("LAMBDA_API_KEY",), EK_ENV),
    ("https://api.inceptionlabs.ai/v1", "inception", ("INCEPTION_API_KEY",), EK_ENV),
    ("https://api.hyperbolic.xyz/v1", "hyperbolic", ("HYPERBOLIC_API_KEY",), EK_ENV),
    ("https://ai-gateway.helicone.ai/", "helicone", ("HELICONE_API_KEY",), EK_ARG_NOT_NONE),
    ("https://ai-gateway.vercel.sh/v1", "vercel_ai_gateway", ("VERCEL_AI_GATEWAY_API_KEY",), EK_ENV),
    ("https://api.edenai.run/v3", "edenai", ("EDENAI_API_KEY",), EK_ENV),
    ("https://api.inference.wandb.ai/v1", "wandb", ("WANDB_API_KEY",), EK_ENV),
    ("https://api.clarifai.com/v2/ext/openai/v1", None, (), EK_ENV),
    ("https://api.libertai.io/v1", "libertai", ("LIBERTAI_API_KEY",), EK_ARG_NOT_NONE),
    ("https://pinstripes.io/v1", "pinstripes", ("PINSTRIPES_API_KEY",), EK_ENV),
    ("https://api.meta.ai/v1", "meta", ("META_API_KEY",), EK_ENV),
    ("https://api.sailresearch.com/v1", "sail", ("SAIL_API_KEY",), EK_ARG_NOT_NONE),
    ("https://api.cognition.ai/v1", "cognition", ("COGNITION_API_KEY",), EK_ARG_NOT_NONE),
    ("https://api.cortecs.ai/v1", "cortecs", ("CORTECS_API_KEY",), EK_ARG_NOT_NONE),
    ("https://api.scx.ai/v1", "scx-ai", ("SCX_API_KEY",), EK_ARG_NOT_NONE),
    ("https://api.prisminference.com/v1", "prism", ("PRISM_API_KEY",), EK_ARG_NOT_NONE),
    ("https://api.reka.ai/v1", "reka", ("REKA_API_KEY",), EK_ARG_NOT_NONE),
    ("https://gigachat.devices.sberbank.ru/api/v1", "gigachat", ("GIGACHAT_API_KEY",), EK_ENV),
)

# Bare names that LiteLLM sends to the legacy text-completions Anthropic API.
ANTHROPIC_TEXT_MODELS = frozenset(("claude-2", "claude-instant-1"))
# Bare-name prefixes placed without the model list (LiteLLM checks them after it).
BARE_PREFIXES = (("amazon_nova", "amazon_nova"),)
REPLICATE_VERSION_LEN = 64
DATAROBOT_GATEWAY_PATH = "/genai/llmgw/chat/completions"
CACHE_LIMIT = 4096
CACHE_KEY_MAX = 256     # longer model names and URLs are resolved, never cached

# ---------------------------------------------------------------------------
# Compiled form of the tables
# ---------------------------------------------------------------------------

cdef class Provider:
    """One row of the provider table (read-only)."""

    def __repr__(self):
        return (f"Provider(name={self.name!r}, wire={self.wire!r}, api_base={self.api_base!r}, "
                f"api_key_env={self.api_key_env!r}, api_base_env={self.api_base_env!r}, index={self.index})")


cdef ProviderRow *_ROWS = NULL
cdef int _COUNT = 0
cdef dict _BY_NAME = {}
cdef list _PROVIDERS = []
cdef dict _WIRE_ID = {name: i for i, name in enumerate(WIRE_NAMES)}


cdef void _build_table() except *:
    global _ROWS, _COUNT
    _COUNT = len(PROVIDER_TABLE)
    _ROWS = <ProviderRow *> malloc(_COUNT * sizeof(ProviderRow))
    if _ROWS == NULL:
        raise MemoryError()
    cdef Provider p
    cdef int i
    for i, (name, wire, resolve, base, base_envs, key_envs, key_default, flags) in enumerate(PROVIDER_TABLE):
        if name in _BY_NAME:
            raise RuntimeError(f"provider table lists {name!r} twice")
        p = Provider.__new__(Provider)
        p.name = name
        p.wire = wire
        p.api_base = base
        p.api_base_envs = base_envs
        p.api_key_envs = key_envs
        p.api_base_env = base_envs[0] if base_envs else None
        p.api_key_env = key_envs[0] if key_envs else None
        p.key_default = key_default
        p.index = i
        p.resolve = resolve
        p.flags = flags
        p.listed = (flags & F_LISTED) != 0
        _ROWS[i].wire = _WIRE_ID[wire]
        _ROWS[i].resolve = resolve
        _ROWS[i].flags = flags
        _BY_NAME[name] = p
        _PROVIDERS.append(p)


_build_table()
del L, J, LJ

provider_list = [p.name for p in _PROVIDERS if p.listed]
cdef frozenset _LISTED = frozenset(provider_list)


cdef tuple _split_endpoint(str value):
    """(lower-cased host, path without trailing slash) of a URL or bare host[/path]."""
    parsed = _urls().urlparse(value if "://" in value else "https://" + value)
    return ((parsed.hostname or "").lower(), parsed.path.rstrip("/"))


cdef list _ENDPOINTS = [(_split_endpoint(ep), prov, envs, mode) for ep, prov, envs, mode in ENDPOINT_TABLE]
cdef dict _ENDPOINT_CACHE = {}     # api_base -> index into _ENDPOINTS, or -1


cdef Provider _get_provider(str name):
    return <Provider> _BY_NAME.get(name)


cdef int _wire_id(int index) noexcept:
    if index < 0 or index >= _COUNT:
        return -1
    return _ROWS[index].wire


def get_provider(name):
    """The table row for `name`, or None when fastcore does not know the provider."""
    if not isinstance(name, str):
        return None
    return _BY_NAME.get(name)


cpdef bint is_valid_provider(object name):
    """True when `name` is one of LiteLLM's provider names."""
    return isinstance(name, str) and name in _LISTED


def provider_wire(name):
    """The wire format ("openai", "anthropic", ...) of provider `name`, or None."""
    if not isinstance(name, str):
        return None
    p = _BY_NAME.get(name)
    return None if p is None else (<Provider> p).wire


# ---------------------------------------------------------------------------
# Bare model names: the generated list, loaded on first need
# ---------------------------------------------------------------------------

cdef class _ModelData:
    cdef dict rank_of              # bare name -> index of the first group that lists it
    cdef list group_provider
    cdef int replicate_rank
    cdef int ai21_rank
    cdef frozenset cohere_chat
    cdef frozenset mistral_chat
    cdef frozenset ai21_chat
    cdef frozenset azure_openai


cdef _ModelData _MODELS = None
MODELS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "providers_models.json")


cdef object _urls():
    # urllib.parse is needed only when an api_base is given, never on import.
    import urllib.parse
    return urllib.parse


cdef _ModelData _models():
    global _MODELS
    if _MODELS is not None:
        return _MODELS
    import json     # only here: json pulls in `re`, a few ms at import
    with open(MODELS_FILE, encoding="utf-8") as f:
        raw = json.load(f)
    cdef _ModelData d = _ModelData.__new__(_ModelData)
    d.rank_of = {}
    d.group_provider = []
    d.replicate_rank = d.ai21_rank = -1
    for rank, (provider, names) in enumerate(raw["groups"]):
        d.group_provider.append(provider)
        if provider == "replicate" and d.replicate_rank < 0:
            d.replicate_rank = rank
        elif provider == "ai21_chat" and d.ai21_rank < 0:
            d.ai21_rank = rank
        for n in names:
            d.rank_of.setdefault(n, rank)
    sets = raw["sets"]
    d.cohere_chat = frozenset(sets["cohere_chat"])
    d.mistral_chat = frozenset(sets["mistral_chat"])
    d.ai21_chat = frozenset(sets["ai21_chat"])
    d.azure_openai = frozenset(sets["azure_openai"])
    _MODELS = d
    return d


# ---------------------------------------------------------------------------
# Fallback rules for names no list knows (LiteLLM keeps them as regexes in its
# cost map; these two are hand-compiled so no regex runs at all)
# ---------------------------------------------------------------------------

cdef inline bint _is_ascii_lower(Py_UCS4 c) noexcept:
    return c >= u'a' and c <= u'z'


cdef bint _is_bedrock_claude_id(str low):
    """<segment>.anthropic.claude-... or anthropic.claude-..., segment of [a-z-]."""
    if low.startswith("anthropic.claude-"):
        return True
    cdef Py_ssize_t dot = low.find(".")
    if dot <= 0:
        return False
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(dot):
        c = low[i]
        if not (_is_ascii_lower(c) or c == u'-'):
            return False
    return low.startswith("anthropic.claude-", dot + 1)


cdef Py_ssize_t _digits(str s, Py_ssize_t i):
    """Index just past the run of decimal digits starting at i."""
    cdef Py_ssize_t n = len(s)
    while i < n and s[i].isdecimal():
        i += 1
    return i


cdef bint _is_bare_claude_id(str low):
    """claude-<family>-<major>[(-|.)<minor>][-<8-digit date>], nothing else."""
    if low.endswith("\n"):
        low = low[:len(low) - 1]       # an end anchor also accepts one trailing newline
    if not low.startswith("claude-"):
        return False
    cdef Py_ssize_t n = len(low), i = 7, j
    while i < n and _is_ascii_lower(low[i]):
        i += 1
    if i == 7 or i >= n or low[i] != u'-':
        return False
    j = _digits(low, i + 1)
    if j == i + 1:
        return False
    if j == n:
        return True
    if low[j] != u'-' and low[j] != u'.':
        return False
    i = _digits(low, j + 1)
    if i == j + 1:
        return False
    if i == n:
        return True
    return low[i] == u'-' and _digits(low, i + 1) == n and n - i - 1 == 8


cdef object _generalize(str model):
    low = model.lower()
    if _is_bedrock_claude_id(low):
        return "bedrock"
    if _is_bare_claude_id(low):
        return "anthropic"
    return None


# ---------------------------------------------------------------------------
# Routing: (model, custom_llm_provider) -> _Route, cached
# ---------------------------------------------------------------------------

cdef enum RouteKind:
    K_TABLE = 0     # provider from the table; its `resolve` fills key and base per call
    K_FIXED         # settled before the api_base check: key None, base as given
    K_BARE          # a bare model name: key None, base as given; a known api_base wins
    K_BARE_AI21     # a bare AI21 name: base and key from the ai21_chat defaults
    K_ERROR         # no provider found; a known api_base may still place it
    K_INVALID       # a malformed name: always an error


cdef class _Route:
    cdef str model
    cdef object provider
    cdef Provider row
    cdef int kind
    cdef tuple plain        # the answer when api_key and api_base are None, if env-independent
    cdef object clp         # custom_llm_provider as it stood when the api_base check runs
    cdef str error


cdef dict _ROUTES = {}


cdef _Route _new_route(int kind, str model, object provider, Provider row=None):
    cdef _Route r = _Route.__new__(_Route)
    r.kind = kind
    r.model = model
    r.provider = provider
    r.row = row
    if kind == K_FIXED or kind == K_BARE or (kind == K_TABLE and row.resolve == R_NONE):
        r.plain = (model, provider, None, None)
    return r


cdef _Route _error_route(str model, object provider, str message, int kind=K_ERROR):
    cdef _Route r = _new_route(kind, model, provider)
    r.error = message
    return r


cdef str _unknown_message(str model, str prefix):
    text = f"cannot tell which provider serves model={short_repr(model, 200)}."
    if prefix:
        text += f" {prefix!r} is not a known provider."
    return text + (" Name the provider in the model string ('<provider>/<model>', e.g. 'openai/gpt-4o')"
                   " or pass custom_llm_provider='<provider>'.")


cdef bint _is_baseten_deployment_id(str model_id):
    if model_id.endswith("\n"):
        model_id = model_id[:len(model_id) - 1]
    if len(model_id) != 8:
        return False
    cdef Py_UCS4 c
    for c in model_id:
        if not (u'0' <= c <= u'9' or u'a' <= c <= u'z' or u'A' <= c <= u'Z'):
            return False
    return True


cdef _Route _table_route(str rest, Provider row):
    """A `provider/model` string whose provider resolves through the table."""
    if row.name == "ai21" and rest in _models().ai21_chat:
        row = <Provider> _BY_NAME["ai21_chat"]
    elif row.resolve == R_RAGFLOW:
        parts = rest.split("/")
        if len(parts) < 3 or parts[0] not in ("chat", "agent"):
            return _error_route(rest, "ragflow", f"ragflow models look like 'ragflow/chat/<chat_id>/<model>' "
                                                 f"or 'ragflow/agent/<agent_id>/<model>', got model='ragflow/{rest}'", K_INVALID)
        rest = "ragflow/" + rest
    return _new_route(K_TABLE, rest, row.name, row)


cdef _Route _bare_route(str model, object provider):
    """Names without a usable provider prefix: the model lists, then the fallback rules."""
    cdef _ModelData d = _models()
    cdef int rank = d.rank_of.get(model, -1)
    if rank == 0 or "ft:gpt-3.5-turbo" in model or "ft:gpt-4" in model or model.startswith("gpt-image"):
        return _new_route(K_BARE, model, "openai")
    found = None
    if 0 < rank < d.replicate_rank:
        found = d.group_provider[rank]
        if found == "anthropic" and model in ANTHROPIC_TEXT_MODELS:
            found = "anthropic_text"
    elif rank == d.replicate_rank or (":" in model and len(model) > REPLICATE_VERSION_LEN):
        # A Replicate version pin: owner/name:<64-char version id>.
        parts = model.split(":")
        if (len(parts) > 1 and len(parts[1]) == REPLICATE_VERSION_LEN) or rank == d.replicate_rank:
            found = "replicate"
    elif rank == d.ai21_rank:
        return _new_route(K_BARE_AI21, model, "ai21_chat", <Provider> _BY_NAME["ai21_chat"])
    elif rank > d.replicate_rank:
        found = d.group_provider[rank]
    elif model == "*":
        found = "openai"
    else:
        for prefix, name in BARE_PREFIXES:
            if model.startswith(prefix):
                found = name
                break
    if found is None:
        found = _generalize(model)
    if found is None:
        slash = model.find("/")
        return _error_route(model, provider, _unknown_message(model, model[:slash] if slash > 0 else ""))
    return _new_route(K_BARE, model, found)


cdef _Route _route(str model, object clp):
    cdef Provider row
    cdef _ModelData d
    prefix, sep, rest = model.partition("/")
    # Azure AI serves Cohere and Mistral chat models through its OpenAI-compatible route.
    if sep and prefix == "azure":
        d = _models()
        if rest in d.cohere_chat or ("mistral/" + rest) in d.mistral_chat:
            return _new_route(K_FIXED, model, "openai")
    if clp == "cohere" or prefix == "cohere":
        d = _models()
        if clp == "cohere" and model in d.cohere_chat:
            clp = "cohere_chat"
        if sep and prefix == "cohere" and rest in d.cohere_chat:
            model, clp = rest, "cohere_chat"
    if clp == "anthropic" and model in ANTHROPIC_TEXT_MODELS:
        clp = "anthropic_text"
    prefix, sep, rest = model.partition("/")
    if sep and prefix == "anthropic" and rest in ANTHROPIC_TEXT_MODELS:
        model, clp = rest, "anthropic_text"
    if clp is not None and model.partition("/")[0] != clp:
        model = clp + "/" + model
    if clp == "openrouter" and model.startswith("openrouter/"):
        rest = model[len("openrouter/"):]
        return _new_route(K_FIXED, rest if "/" in rest else model, "openrouter")

    prefix, sep, rest = model.partition("/")
    row = _BY_NAME.get(prefix)
    if row is not None:
        if sep and (row.flags & F_JSON or (row.listed and not row.flags & F_MODEL_NAME)):
            return _table_route(rest, row)
        if row.listed:
            if not sep:
                return _error_route(model, prefix, f"model={short_repr(model, 200)} names a provider but no model;"
                                                   f" pass '{model}/<model name>'", K_INVALID)
            return _new_route(K_FIXED, rest, prefix)
    cdef _Route route = _bare_route(model, clp)
    route.clp = clp
    return route


# ---------------------------------------------------------------------------
# Credentials: filled per call from the arguments and the environment
# ---------------------------------------------------------------------------

cdef object _getenv(str name):
    # os.environ writes go through putenv(), so the C environment is current; reading it
    # directly avoids os.environ.get's KeyError round trip (~0.5 us per missing name).
    cdef const char *value = getenv(PyUnicode_AsUTF8(name))
    if value == NULL:
        return None
    return PyUnicode_DecodeFSDefault(value)


cdef object _chain(object first, tuple envs, object default):
    """`first or $ENV1 or $ENV2 ... or default`, with Python's `or` semantics."""
    if first:
        return first
    last = first
    for name in envs:
        last = _getenv(<str> name)
        if last:
            return last
    return last if default is None else default


cdef object _parse_base(str base):
    # urllib raises ValueError for a malformed netloc ("http://[x", a bad port).
    try:
        parsed = _urls().urlparse(base)
        parsed.port
        return parsed
    except ValueError:
        raise BadRequestError(f"api_base={short_repr(redact_url(base))} is not a valid URL", None, "",
                              param="api_base") from None


cdef bint _is_foundry_base(str base):
    parsed = _parse_base(base)
    host = parsed.hostname
    return host is not None and host.endswith(".services.ai.azure.com") and "/openai/deployments" not in parsed.path


cdef str _datarobot_base(str base):
    parsed = _parse_base(base)
    path = parsed.path
    if not path or path == "/":
        path += "/api/v2/" + DATAROBOT_GATEWAY_PATH
    elif "api/v2/deployments" in path:
        pass                     # a dedicated deployment URL is used as is
    elif "api/v2" in path and DATAROBOT_GATEWAY_PATH not in path:
        path += DATAROBOT_GATEWAY_PATH
    if not path.endswith("/"):
        path += "/"
    return _urls().urlunparse(parsed._replace(path=path.replace("//", "/")))


cdef tuple _fill(_Route route, object api_base, object api_key):
    cdef Provider row = route.row
    cdef int r = row.resolve
    model = route.model
    provider = route.provider
    base = api_base
    key = api_key
    if r == R_KEY_ONLY:
        key = _chain(api_key, row.api_key_envs, row.key_default)
    elif r == R_ENV or r == R_MISTRAL or r == R_AZURE_AI or r == R_RAGFLOW:
        base = _chain(api_base, row.api_base_envs, row.api_base)
        key = _chain(api_key, row.api_key_envs, row.key_default)
        if r == R_MISTRAL and base is not None and not base.endswith("/v1"):
            base = base + "/v1"
        elif r == R_AZURE_AI and base is not None and not _is_foundry_base(base):
            short = model.partition("/")[2] or model
            if short in _models().azure_openai:
                provider = "azure"
    elif r == R_GUARDED:
        base = _chain(api_base, row.api_base_envs, row.api_base)
        if api_base is None or api_key:
            key = _chain(api_key, row.api_key_envs, row.key_default)
        elif row.key_default is not None:
            key = row.key_default
    elif r == R_NADIR:
        default_base = _chain(None, row.api_base_envs, row.api_base)
        base = api_base or default_base
        if api_base is None or api_base.rstrip("/") == default_base.rstrip("/"):
            key = _chain(api_key, row.api_key_envs, None)
        else:
            key = api_key or None
    elif r == R_BASETEN:
        if api_base is None:
            model_id = model.replace("baseten/", "")
            if _is_baseten_deployment_id(model_id):
                base = f"https://model-{model_id}.api.baseten.co/environments/production/sync/v1"
            else:
                base = row.api_base
        else:
            base = _chain(api_base, row.api_base_envs, row.api_base)
        key = _chain(api_key, row.api_key_envs, None)
    elif r == R_DATAROBOT:
        base = _chain(api_base, row.api_base_envs, None)
        base = _datarobot_base(row.api_base if base is None else base)
        key = _chain(api_key, row.api_key_envs, row.key_default)
    if key is None and api_key is not None and not row.flags & F_JSON:
        key = api_key
    return (model, provider, key, base)


cdef int _endpoint_index(str api_base) except -2:
    cached = _ENDPOINT_CACHE.get(api_base)
    if cached is not None:
        return cached
    try:
        host, path = _split_endpoint(api_base)
    except ValueError:
        raise BadRequestError(f"api_base={short_repr(redact_url(api_base))} is not a valid URL", None, "",
                              param="api_base") from None
    cdef int found = -1, i
    if host:
        for i in range(len(_ENDPOINTS)):
            (ep_host, ep_path), _, _, _ = _ENDPOINTS[i]
            if ep_host == host and (not ep_path or path == ep_path or path.startswith(ep_path + "/")):
                found = i
                break
    if len(api_base) <= CACHE_KEY_MAX:
        if len(_ENDPOINT_CACHE) >= CACHE_LIMIT:
            _ENDPOINT_CACHE.clear()
        _ENDPOINT_CACHE[api_base] = found
    return found


cdef tuple _endpoint_result(int index, _Route route, str api_base, object api_key):
    _, provider, envs, mode = _ENDPOINTS[index]
    if mode == EK_ARG_OR_ENV:
        key = _chain(api_key, envs, None)
    elif mode == EK_ARG_NOT_NONE:
        key = api_key if api_key is not None else _chain(None, envs, None)
    elif mode == EK_HTTPS_ENV:
        key = _chain(None, envs, None) if api_base.lower().startswith("https://") else None
    else:
        key = _chain(None, envs, None)
    return (route.model, route.clp if provider is None else provider, key, api_base)


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------

cdef tuple _resolve(str model, object custom_llm_provider, object api_base, object api_key):
    """get_llm_provider for arguments already checked: model a non-empty str, the rest str or None."""
    key = model if custom_llm_provider is None else (model, custom_llm_provider)
    cdef _Route route
    cached = _ROUTES.get(key)
    if cached is None:
        route = _route(model, custom_llm_provider)
        # Failures are never kept: an unknown name costs a lookup, not memory.
        if route.error is None and len(model) <= CACHE_KEY_MAX:
            if len(_ROUTES) >= CACHE_LIMIT:
                _ROUTES.clear()
            _ROUTES[key] = route
    else:
        route = <_Route> cached
    cdef int kind = route.kind
    if kind == K_TABLE:
        if route.plain is not None and api_key is None and api_base is None:
            return route.plain
        return _fill(route, api_base, api_key)
    if kind == K_FIXED:
        if api_base is None:
            return route.plain
        return (route.model, route.provider, None, api_base)
    if kind == K_INVALID:
        raise BadRequestError(route.error, model, route.provider or "")
    # LiteLLM tries known API bases before it looks at bare model names.
    cdef int ep
    if api_base:
        ep = _endpoint_index(<str> api_base)
        if ep >= 0:
            return _endpoint_result(ep, route, <str> api_base, api_key)
    if kind == K_BARE:
        if api_base is None:
            return route.plain
        return (route.model, route.provider, None, api_base)
    if kind == K_BARE_AI21:
        return (route.model, route.provider, _chain(api_key, route.row.api_key_envs, None),
                _chain(api_base, route.row.api_base_envs, route.row.api_base))
    raise BadRequestError(route.error, model, "")


cdef inline str _as_str(object value):
    # str subclasses (e.g. str enums) are reduced to their plain text.
    return <str>plain_str(value)


cpdef tuple get_llm_provider(object model, object custom_llm_provider=None, object api_base=None,
                             object api_key=None, object litellm_params=None):
    """Resolve `model` to (model, provider, dynamic_api_key, api_base), as LiteLLM does.

    `litellm_params` is accepted for signature compatibility and ignored.
    """
    if not isinstance(model, str) or not model:
        raise BadRequestError(f"model must be a non-empty string such as 'openai/gpt-4o', got "
                              f"{short_repr(model)}", None, "", param="model")
    model = _as_str(model)
    if custom_llm_provider is not None:
        if not isinstance(custom_llm_provider, str):
            raise BadRequestError(f"custom_llm_provider must be a provider name (str), got "
                                  f"{type(custom_llm_provider).__name__}", model, "", param="custom_llm_provider")
        custom_llm_provider = _as_str(custom_llm_provider) or None
    if api_base is not None:
        if not isinstance(api_base, str):
            raise BadRequestError(f"api_base must be a string URL, got {type(api_base).__name__}", model, "",
                                  param="api_base")
        api_base = _as_str(api_base)
    if api_key is not None:
        if not isinstance(api_key, str):
            raise BadRequestError(f"api_key must be a string, got {type(api_key).__name__}", model, "",
                                  param="api_key")
        api_key = _as_str(api_key)
    return _resolve(model, custom_llm_provider, api_base, api_key)


def _clear_caches():
    """Forget cached routes (for tests that swap the model data)."""
    _ROUTES.clear()
    _ENDPOINT_CACHE.clear()
